package org.dcom4j.com.automation.wire;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.ndr.Case;
import org.dcom4j.ndr.NdrUnion;
import org.dcom4j.ndr.Ref;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;

/**
 * wireSAFEARRAY (MS-OAUT 2.2.30.10), the referent of a PSAFEARRAY: a conformant structure
 * {@code USHORT cDims; USHORT fFeatures; ULONG cbElements; ULONG cLocks; SAFEARRAYUNION uArrayStructs;
 * [size_is(cDims)] SAFEARRAYBOUND rgsabound[];}
 * <pre>
 * max_count=cDims (4) | cDims (2) | fFeatures (2) | cbElements (4) | cLocks (4)
 * | sfType (4) | arm, e.g. DWORD_SIZEDARR: clSize (4) | pData referent id (4)
 * | rgsabound: cDims × (cElements (4) | lLbound (4)), LAST dimension first
 * … deferred: the arm's element array (max_count, elements) and their own referents
 * </pre>
 * fFeatures are the FADF_ bits of 2.2.9; with FADF_HAVEVARTYPE the high word of cLocks is the element
 * VARTYPE; cbElements is the element size of 2.2.8. rgsabound is "represented in reverse order": for
 * {@code [0:5][0:2][0:10]} the wire has (10,0), (2,0), (5,0).
 *
 * <p>SAFEARRAYUNION (2.2.30.9) is {@code union switch(unsigned long sfType)}: an encapsulated union.
 * SF_RECORD is not modelled (decoding it fails as an unknown discriminant).
 */
public record WireSafeArray(@U16 int cDims, @U16 int fFeatures, int cbElements, int cLocks, Union uArrayStructs,
                            @SizeIs("cDims") List<SafeArrayBound> rgsabound) {
    /** FADF_ flags (2.2.9). */
    public static final int FADF_AUTO = 0x0001;
    public static final int FADF_STATIC = 0x0002;
    public static final int FADF_EMBEDDED = 0x0004;
    public static final int FADF_FIXEDSIZE = 0x0010;
    public static final int FADF_RECORD = 0x0020;
    public static final int FADF_HAVEIID = 0x0040;
    public static final int FADF_HAVEVARTYPE = 0x0080;
    public static final int FADF_BSTR = 0x0100;
    public static final int FADF_UNKNOWN = 0x0200;
    public static final int FADF_DISPATCH = 0x0400;
    public static final int FADF_VARIANT = 0x0800;

    /** SF_TYPE (2.2.8): the SAFEARRAYUNION discriminants. */
    public static final int SF_ERROR = 10;
    public static final int SF_I1 = 16;
    public static final int SF_I2 = 2;
    public static final int SF_I4 = 3;
    public static final int SF_I8 = 20;
    public static final int SF_BSTR = 8;
    public static final int SF_UNKNOWN = 13;
    public static final int SF_DISPATCH = 9;
    public static final int SF_VARIANT = 12;
    public static final int SF_RECORD = 36;
    public static final int SF_HAVEIID = 0x800D;

    public WireSafeArray {
        rgsabound = List.copyOf(rgsabound);
    }

    /** SAFEARRAYUNION (2.2.30.9), encapsulated: the sfType is the arm's case. */
    @NdrUnion(encapsulated = true)
    public sealed interface Union {
        /** The number of elements the arm carries (its Size/clSize field). */
        int size();
    }

    /** SF_BSTR: SAFEARR_BSTR (2.2.30.2) {@code ULONG Size; [size_is(Size), ref] BSTR* aBstr;} */
    @Case(SF_BSTR)
    public record BstrStr(int size, @Ref @SizeIs("size") List<@Unique FlaggedWordBlob> aBstr) implements Union {
    }

    /** SF_UNKNOWN: SAFEARR_UNKNOWN (2.2.30.3) {@code ULONG Size; [size_is(Size), ref] IUnknown** apUnknown;} */
    @Case(SF_UNKNOWN)
    public record UnknownStr(int size, @Ref @SizeIs("size") List<@Unique MInterfacePointer> apUnknown) implements Union {
    }

    /** SF_DISPATCH: SAFEARR_DISPATCH (2.2.30.4) {@code ULONG Size; [size_is(Size), ref] IDispatch** apDispatch;} */
    @Case(SF_DISPATCH)
    public record DispatchStr(int size, @Ref @SizeIs("size") List<@Unique MInterfacePointer> apDispatch) implements Union {
    }

    /** SF_VARIANT: SAFEARR_VARIANT (2.2.30.5) {@code ULONG Size; [size_is(Size), ref] wireVARIANT* aVariant;} */
    @Case(SF_VARIANT)
    public record VariantStr(int size, @Ref @SizeIs("size") List<@Unique WireVariant> aVariant) implements Union {
    }

    /** SF_HAVEIID: SAFEARR_HAVEIID (2.2.30.7) {@code ULONG Size; [size_is(Size), ref] IUnknown** apUnknown; IID iid;} */
    @Case(SF_HAVEIID)
    public record HaveIidStr(int size, @Ref @SizeIs("size") List<@Unique MInterfacePointer> apUnknown, UUID iid)
            implements Union {
    }

    /** SF_I1: BYTE_SIZEDARR (2.2.30.8.1) {@code unsigned long clSize; [size_is(clSize)] byte* pData;} */
    @Case(SF_I1)
    public record ByteStr(int size, @Unique @SizeIs("size") byte[] pData) implements Union {
    }

    /** SF_I2: WORD_SIZEDARR (2.2.30.8.2) {@code unsigned long clSize; [size_is(clSize)] unsigned short* pData;} */
    @Case(SF_I2)
    public record WordStr(int size, @Unique @SizeIs("size") short[] pData) implements Union {
    }

    /** SF_I4: DWORD_SIZEDARR (2.2.30.8.3) {@code unsigned long clSize; [size_is(clSize)] unsigned long* pData;} */
    @Case(SF_I4)
    public record LongStr(int size, @Unique @SizeIs("size") int[] pData) implements Union {
    }

    /** SF_I8: HYPER_SIZEDARR (2.2.30.8.4) {@code unsigned long clSize; [size_is(clSize)] hyper* pData;} */
    @Case(SF_I8)
    public record HyperStr(int size, @Unique @SizeIs("size") long[] pData) implements Union {
    }
}
