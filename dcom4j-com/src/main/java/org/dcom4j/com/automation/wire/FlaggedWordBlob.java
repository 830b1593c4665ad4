package org.dcom4j.com.automation.wire;

import org.dcom4j.ndr.SizeIs;

/**
 * FLAGGED_WORD_BLOB (MS-OAUT 2.2.23.1), the referent of a transmitted BSTR (2.2.23.2:
 * {@code typedef [unique] FLAGGED_WORD_BLOB* BSTR}):
 * {@code unsigned long cBytes; unsigned long clSize; [size_is(clSize)] unsigned short asData[];}
 * <pre>
 * max_count=clSize (4) | cBytes (4) | clSize (4) | asData (2 × clSize, UTF-16LE code units)
 * </pre>
 * A NULL BSTR is {@code cBytes = 0xFFFFFFFF, clSize = 0}; an empty one {@code cBytes = clSize = 0};
 * otherwise {@code clSize = ceil(cBytes / 2)}. The compact constructor refuses any other combination
 * (on decode the NDR engine turns that into an {@code NdrException}).
 */
public record FlaggedWordBlob(int cBytes, int clSize, @SizeIs("clSize") short[] asData) {
    /** cBytes of a NULL BSTR. */
    public static final int NULL_CBYTES = 0xFFFF_FFFF;
    /** A transmitted NULL BSTR (MS-OAUT 2.2.23.2). */
    public static final FlaggedWordBlob NULL_BSTR = new FlaggedWordBlob(NULL_CBYTES, 0, new short[0]);

    public FlaggedWordBlob {
        if (cBytes == NULL_CBYTES) {
            if (clSize != 0) {
                throw new IllegalArgumentException("FLAGGED_WORD_BLOB.clSize=" + Integer.toUnsignedString(clSize)
                        + " for a NULL BSTR (cBytes=0xFFFFFFFF), expected=0");
            }
        } else if (cBytes < 0 || Integer.toUnsignedLong(clSize) != (Integer.toUnsignedLong(cBytes) + 1) / 2) {
            throw new IllegalArgumentException("FLAGGED_WORD_BLOB.cBytes=" + Integer.toUnsignedString(cBytes)
                    + " disagrees with clSize=" + Integer.toUnsignedString(clSize) + ", expected clSize=ceil(cBytes/2)");
        }
        asData = asData.clone();
    }

    /** The blob of a Java string ({@code null} → {@link #NULL_BSTR}). */
    public static FlaggedWordBlob of(String s) {
        if (s == null) {
            return NULL_BSTR;
        }
        short[] data = new short[s.length()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) s.charAt(i);
        }
        return new FlaggedWordBlob(2 * data.length, data.length, data);
    }

    /** The string, or {@code null} for a NULL BSTR; an odd cBytes keeps its last, partly used unit. */
    public String value() {
        if (cBytes == NULL_CBYTES) {
            return null;
        }
        char[] c = new char[asData.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) asData[i];
        }
        return new String(c);
    }

    @Override
    public short[] asData() {
        return asData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlaggedWordBlob b && b.cBytes == cBytes && b.clSize == clSize && java.util.Arrays.equals(b.asData, asData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * cBytes + clSize) + java.util.Arrays.hashCode(asData);
    }

    @Override
    public String toString() {
        return cBytes == NULL_CBYTES ? "BSTR(NULL)" : "BSTR(\"" + value() + "\")";
    }
}
