package org.dcom4j.com.wire;

import java.util.ArrayList;
import java.util.List;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;

/**
 * DUALSTRINGARRAY (MS-DCOM 2.2.19): the string bindings (where an object exporter or resolver
 * listens) and security bindings (which authentication services and principal it accepts), as
 * structured lists. On the wire it is an array of 16-bit words:
 *
 * <pre>
 * wNumEntries (2) | wSecurityOffset (2) | aStringArray[wNumEntries] (2 each)
 * aStringArray = { wTowerId, aNetworkAddr..., 0 }* 0  |  { wAuthnSvc, Reserved(0xFFFF), aPrincName..., 0 }* 0
 *                ^ string bindings                      ^ security bindings, starting at wSecurityOffset
 * </pre>
 *
 * Two wire forms carry it: packed little-endian inside an OBJREF ({@link #decode(byte[])},
 * {@link #encode()}) and as an NDR conformant structure ({@link Ndr}: max_count first) in
 * ResolveOxid(2), ServerAlive2, RemoteActivation and ScmReplyInfoData. An empty region is written
 * as two zero words, as Windows does; a single zero word decodes as empty too.
 */
public record DualStringArray(List<StringBinding> stringBindings, List<SecurityBinding> securityBindings) {
    /** wTowerId values (MS-DCOM 2.2.19.3 / C706 appendix I). */
    public static final int NCACN_IP_TCP = 0x07;
    public static final int NCACN_NP = 0x0F;
    public static final int NCALRPC = 0x10;
    public static final int NCACN_HTTP = 0x1F;

    public DualStringArray {
        stringBindings = List.copyOf(stringBindings);
        securityBindings = List.copyOf(securityBindings);
    }

    /** STRINGBINDING (2.2.19.3): a protocol tower id and a network address such as {@code host[135]}. */
    public record StringBinding(int towerId, String networkAddr) {
        public StringBinding {
            check("wTowerId", towerId, networkAddr);
            if (towerId == 0) {
                throw new IllegalArgumentException("wTowerId=0 would end the string bindings");
            }
        }
    }

    /** SECURITYBINDING (2.2.19.4): wAuthnSvc, Reserved (MUST be 0xFFFF), aPrincName (may be empty). */
    public record SecurityBinding(int authnSvc, int reserved, String principalName) {
        public SecurityBinding {
            check("wAuthnSvc", authnSvc, principalName);
            if (authnSvc == 0) {
                throw new IllegalArgumentException("wAuthnSvc=0 would end the security bindings");
            }
            if (reserved < 0 || reserved > 0xFFFF) {
                throw new IllegalArgumentException("Reserved=" + reserved + ", limit=65535");
            }
        }

        public SecurityBinding(int authnSvc, String principalName) {
            this(authnSvc, 0xFFFF, principalName);
        }
    }

    private static void check(String field, int id, String s) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException(field + "=" + id + ", limit=65535");
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " string contains NUL");
        }
    }

    /**
     * The NDR form: {@code unsigned short wNumEntries; unsigned short wSecurityOffset;
     * [size_is(wNumEntries)] unsigned short aStringArray[];}.
     */
    public record Ndr(@U16 int wNumEntries, @U16 int wSecurityOffset, @SizeIs("wNumEntries") short[] aStringArray) {
    }

    public Ndr toNdr() {
        short[] w = words();
        return new Ndr(w.length, securityOffset(w), w);
    }

    public static DualStringArray fromNdr(Ndr ndr) {
        return fromWords(ndr.aStringArray(), ndr.wSecurityOffset());
    }

    /** The packed form, exactly {@code 4 + 2·wNumEntries} bytes. */
    public byte[] encode() {
        LeWriter w = new LeWriter();
        write(w);
        return w.toByteArray();
    }

    void write(LeWriter out) {
        short[] w = words();
        out.u16(w.length).u16(securityOffset(w));
        for (short s : w) {
            out.u16(s);
        }
    }

    /** Decodes a packed DUALSTRINGARRAY occupying all of {@code bytes}. */
    public static DualStringArray decode(byte[] bytes) {
        LeReader r = new LeReader(bytes, 0, bytes.length);
        DualStringArray d = read(r);
        if (r.remaining() != 0) {
            throw new WireFormatException("DUALSTRINGARRAY trailing bytes=" + r.remaining() + ", limit=0");
        }
        return d;
    }

    static DualStringArray read(LeReader r) {
        int n = r.u16("wNumEntries");
        int sec = r.u16("wSecurityOffset");
        r.need("aStringArray", 2L * n);
        short[] w = new short[n];
        for (int i = 0; i < n; i++) {
            w[i] = (short) r.u16("aStringArray");
        }
        return fromWords(w, sec);
    }

    // The string region ends at wSecurityOffset; the security region at wNumEntries.
    static DualStringArray fromWords(short[] w, int sec) {
        if (sec > w.length) {
            throw new WireFormatException("wSecurityOffset=" + sec + ", limit=" + w.length);
        }
        List<StringBinding> strings = new ArrayList<>();
        int i = 0;
        while (i < sec && w[i] != 0) {
            int tower = w[i++] & 0xFFFF;
            int start = i;
            i = nul(w, i, sec, "aNetworkAddr");
            strings.add(new StringBinding(tower, chars(w, start, i)));
            i++;
        }
        List<SecurityBinding> security = new ArrayList<>();
        i = sec;
        while (i < w.length && w[i] != 0) {
            int authn = w[i++] & 0xFFFF;
            if (i >= w.length) {
                throw new WireFormatException("SECURITYBINDING truncated at word=" + i + ", limit=" + w.length);
            }
            int reserved = w[i++] & 0xFFFF;
            int start = i;
            i = nul(w, i, w.length, "aPrincName");
            security.add(new SecurityBinding(authn, reserved, chars(w, start, i)));
            i++;
        }
        return new DualStringArray(strings, security);
    }

    private static int nul(short[] w, int from, int end, String field) {
        for (int i = from; i < end; i++) {
            if (w[i] == 0) {
                return i;
            }
        }
        throw new WireFormatException(field + " has no NUL before word=" + end);
    }

    private static String chars(short[] w, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append((char) w[i]);
        }
        return sb.toString();
    }

    private short[] words() {
        List<Short> out = new ArrayList<>();
        for (StringBinding b : stringBindings) {
            out.add((short) b.towerId());
            b.networkAddr().chars().forEach(c -> out.add((short) c));
            out.add((short) 0);
        }
        out.add((short) 0);
        if (stringBindings.isEmpty()) {
            out.add((short) 0);
        }
        for (SecurityBinding b : securityBindings) {
            out.add((short) b.authnSvc());
            out.add((short) b.reserved());
            b.principalName().chars().forEach(c -> out.add((short) c));
            out.add((short) 0);
        }
        out.add((short) 0);
        if (securityBindings.isEmpty()) {
            out.add((short) 0);
        }
        if (out.size() > 0xFFFF) {
            throw new WireFormatException("DUALSTRINGARRAY wNumEntries=" + out.size() + ", limit=65535");
        }
        short[] w = new short[out.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = out.get(i);
        }
        return w;
    }

    /** wSecurityOffset: the words of the string region, terminator(s) included. */
    private int securityOffset(short[] ignored) {
        int n = 0;
        for (StringBinding b : stringBindings) {
            n += 2 + b.networkAddr().length();
        }
        return n + (stringBindings.isEmpty() ? 2 : 1);
    }
}
