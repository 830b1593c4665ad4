package org.dcom4j.com.automation.wire;

import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;

/**
 * EXCEPINFO (MS-OAUT 2.2.36): {@code WORD wCode; WORD wReserved; BSTR bstrSource; BSTR bstrDescription;
 * BSTR bstrHelpFile; DWORD dwHelpContext; ULONG_PTR pvReserved; ULONG_PTR pfnDeferredFillIn; HRESULT scode;}
 * <pre>
 * wCode (2) | wReserved (2) | 3 × BSTR referent id (4) | dwHelpContext (4) | pvReserved (4)
 * | pfnDeferredFillIn (4) | scode (4) … deferred: the three FLAGGED_WORD_BLOBs
 * </pre>
 * pvReserved and pfnDeferredFillIn are 4 bytes in NDR 2.0 and MUST be 0 on the wire. Exactly one of
 * wCode and scode is nonzero (3.1.4.4.1).
 */
public record ExcepInfo(@U16 int wCode, @U16 int wReserved, @Unique FlaggedWordBlob bstrSource,
                        @Unique FlaggedWordBlob bstrDescription, @Unique FlaggedWordBlob bstrHelpFile, int dwHelpContext,
                        int pvReserved, int pfnDeferredFillIn, int scode) {
    /** An EXCEPINFO with nothing in it (what a successful call returns): all zero, three NULL BSTRs. */
    public static final ExcepInfo EMPTY = new ExcepInfo(0, 0, null, null, null, 0, 0, 0, 0);

    /** An exception described by an HRESULT ({@code wCode} 0), with source and description. */
    public static ExcepInfo of(int scode, String source, String description) {
        return new ExcepInfo(0, 0, FlaggedWordBlob.of(source), FlaggedWordBlob.of(description), null, 0, 0, 0, scode);
    }
}
