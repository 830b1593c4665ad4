package org.dcom4j.ndr;

/**
 * {@code [string]} arrays of {@code char} or {@code wchar_t} (C706 14.3.4). The counts include the
 * terminating NUL, which is on the wire; the offset is always 0 (C706 14.3.4.2, and peers refuse
 * others).
 *
 * <pre>
 * conformant varying  L"ab":  03 00 00 00 | 00 00 00 00 | 03 00 00 00 | 61 00 62 00 00 00
 *                             max_count     offset        actual_count  'a'   'b'   NUL
 * varying (fixed n):          offset(4) actual_count(4) characters NUL
 * </pre>
 */
final class StringCodec implements Codec {
    private final boolean wide;
    private final int fixed;
    private final String name;

    /**
     * {@code fixed} &lt; 0: conformant varying; otherwise a varying string of at most {@code fixed}
     * elements.
     */
    StringCodec(boolean wide, int fixed, String name) {
        this.wide = wide;
        this.fixed = fixed;
        this.name = name;
    }

    @Override
    public int align() {
        return 4;
    }

    @Override
    public int minSize() {
        return fixed < 0 ? 12 : 8;
    }

    @Override
    public boolean conformant() {
        return fixed < 0;
    }

    @Override
    public int conformance(Object v, Object[] ctx) {
        return ((String) v).length() + 1;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        String s = (String) v;
        int count = s.length() + 1;
        NdrBuffer out = w.out;
        if (fixed >= 0 && count > fixed) {
            throw w.error(name + ": string too long: actual_count=" + count + ", limit=" + fixed);
        }
        if (!wide) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xFF) {
                    throw w.error(name + ": character not representable in an 8-bit string: char=U+"
                            + Integer.toHexString(s.charAt(i)) + ", index=" + i);
                }
            }
        }
        out.align(4);
        if (fixed < 0 && !hoisted) {
            out.put32(count);
        }
        out.put32(0);
        out.put32(count);
        for (int i = 0; i < s.length(); i++) {
            if (wide) {
                out.put16(s.charAt(i));
            } else {
                out.put8(s.charAt(i));
            }
        }
        if (wide) {
            out.put16(0);
        } else {
            out.put8(0);
        }
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        int max = fixed >= 0 ? fixed : hoistedMax >= 0 ? hoistedMax : r.count("max_count");
        int offsetAt = r.offset();
        int offset = r.count("offset");
        if (offset != 0) {
            throw new NdrException(name + ": string offset must be 0: offset=" + offset, offsetAt);
        }
        int actual = r.count("actual_count");
        if (actual > max) {
            throw r.error(name + ": offset + actual_count > max_count: offset=0, actual_count=" + actual + ", max_count=" + max);
        }
        if (actual == 0) {
            throw r.error(name + ": string without terminator: actual_count=0");
        }
        r.checkCount(name, " actual_count", actual, wide ? 2 : 1);
        r.allocate(2L * actual);
        String s = r.chars(actual, wide);
        if (s.charAt(actual - 1) != 0) {
            throw new NdrException(name + ": string not terminated: last element=0x" + Integer.toHexString(s.charAt(actual - 1)),
                    r.offset() - (wide ? 2 : 1));
        }
        return s.substring(0, actual - 1);
    }
}
