package org.dcom4j.security;

import java.util.Locale;
import java.util.Map;

/**
 * The two-letter codes of SDDL (MS-DTYP 2.5.1.1; the letters are those of Windows' sddl.h, the values
 * those of MS-DTYP 2.4.3 ACCESS_MASK, 2.4.4.1 ACE_HEADER and winnt.h) and the rules for printing and
 * reading access rights and ACE flags. Stateless; every table is immutable.
 */
final class SddlCodes {
    private SddlCodes() {
    }

    /** Single-bit access rights, in ascending bit order: the order they print in. */
    private static final String[] BIT_RIGHT = new String[32];

    static {
        bit("CC", 0x0000_0001); // ADS_RIGHT_DS_CREATE_CHILD; COM_RIGHTS_EXECUTE
        bit("DC", 0x0000_0002); // ADS_RIGHT_DS_DELETE_CHILD; COM_RIGHTS_EXECUTE_LOCAL
        bit("LC", 0x0000_0004); // ADS_RIGHT_ACTRL_DS_LIST; COM_RIGHTS_EXECUTE_REMOTE
        bit("SW", 0x0000_0008); // ADS_RIGHT_DS_SELF; COM_RIGHTS_ACTIVATE_LOCAL
        bit("RP", 0x0000_0010); // ADS_RIGHT_DS_READ_PROP; COM_RIGHTS_ACTIVATE_REMOTE
        bit("WP", 0x0000_0020); // ADS_RIGHT_DS_WRITE_PROP
        bit("DT", 0x0000_0040); // ADS_RIGHT_DS_DELETE_TREE
        bit("LO", 0x0000_0080); // ADS_RIGHT_DS_LIST_OBJECT
        bit("CR", 0x0000_0100); // ADS_RIGHT_DS_CONTROL_ACCESS
        bit("SD", 0x0001_0000); // DELETE
        bit("RC", 0x0002_0000); // READ_CONTROL
        bit("WD", 0x0004_0000); // WRITE_DAC
        bit("WO", 0x0008_0000); // WRITE_OWNER
        bit("GA", 0x1000_0000); // GENERIC_ALL
        bit("GX", 0x2000_0000); // GENERIC_EXECUTE
        bit("GW", 0x4000_0000); // GENERIC_WRITE
        bit("GR", 0x8000_0000); // GENERIC_READ
    }

    /**
     * Codes that stand for several bits, in the priority in which an exact match prints. KX has the
     * value of KR (KEY_EXECUTE = KEY_READ in winnt.h), so it is read but never printed.
     */
    private static final String[] AGGREGATE_ORDER = {"FA", "FR", "FW", "FX", "KA", "KR", "KW"};
    private static final Map<String, Integer> AGGREGATE = Map.of(
            "FA", 0x001F_01FF,  // FILE_ALL_ACCESS
            "FR", 0x0012_0089,  // FILE_GENERIC_READ
            "FW", 0x0012_0116,  // FILE_GENERIC_WRITE
            "FX", 0x0012_00A0,  // FILE_GENERIC_EXECUTE
            "KA", 0x000F_003F,  // KEY_ALL_ACCESS
            "KR", 0x0002_0019,  // KEY_READ
            "KW", 0x0002_0006,  // KEY_WRITE
            "KX", 0x0002_0019); // KEY_EXECUTE

    /** Mandatory label rights (MS-DTYP 2.4.4.13), printed only in ML ACEs. */
    private static final String[] LABEL_RIGHT = {"NR", "NW", "NX"};

    /**
     * AceFlags bits 0..7 (MS-DTYP 2.4.4.1), printed in ascending bit order: OBJECT_INHERIT,
     * CONTAINER_INHERIT, NO_PROPAGATE_INHERIT, INHERIT_ONLY, INHERITED, CRITICAL (sddl.h SDDL_CRITICAL),
     * SUCCESSFUL_ACCESS, FAILED_ACCESS.
     */
    private static final String[] ACE_FLAG = {"OI", "CI", "NP", "IO", "ID", "CR", "SA", "FA"};

    private static void bit(String code, int value) {
        BIT_RIGHT[Integer.numberOfTrailingZeros(value)] = code;
    }

    // ---------------------------------------------------------------- rights

    /**
     * Prints an access mask as Windows does: an exact aggregate (FA FR FW FX KA KR KW, in that
     * priority), else one code per set bit in ascending bit order, else — when some bit has no code —
     * the whole mask in lowercase hexadecimal. Inside an ML ACE bits 0..2 print as NR NW NX.
     */
    static String formatRights(int mask, boolean label) {
        for (String code : AGGREGATE_ORDER) {
            if (AGGREGATE.get(code) == mask) {
                return code;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & (1 << bit)) == 0) {
                continue;
            }
            String code = label && bit < 3 ? LABEL_RIGHT[bit] : BIT_RIGHT[bit];
            if (code == null) {
                return "0x" + Integer.toHexString(mask);
            }
            sb.append(code);
        }
        return sb.toString();
    }

    /**
     * Reads an access mask: a number (C syntax: {@code 0x} hexadecimal, leading-{@code 0} octal, else
     * decimal; at most 0xFFFFFFFF) or a run of two-letter codes in any case; empty means 0. NR NW NX
     * are accepted anywhere (they are plain bit values), though they print only inside ML ACEs.
     *
     * <p>Spaces as Windows takes them (Samba's Windows-verified {@code python/samba/tests/sddl.py}):
     * skipped before the rights ({@code " GA"}, {@code " 0x75bcd15"}) and between codes
     * ({@code "RP LCLO  RC"}); refused after the rights ({@code "GA "}, {@code "123456789 "}), inside a
     * code ({@code "LOR C"}) or a number ({@code "0x 75bcd15"}); a tab is refused anywhere. A field of
     * spaces only is refused too: no evidence shows what Windows makes of it. Refused although Windows
     * accepts them, because it silently changes their value: a sign ({@code "-99"} is 0xffffff9d to
     * Windows) and a number above 0xFFFFFFFF (Windows saturates it to 0xffffffff, every right).
     *
     * @param position where {@code text} starts in the enclosing string, for error messages
     */
    static int parseRights(String text, int position) {
        if (text.isEmpty()) {
            return 0;
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i == text.length()) {
            throw new SecurityFormatException("access rights of spaces only: \"" + text + "\" at position=" + position);
        }
        if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            return parseNumber(text.substring(i), position + i);
        }
        int mask = 0;
        while (i < text.length()) {
            if (i + 2 > text.length() || text.charAt(i + 1) == ' ') {
                throw new SecurityFormatException("access rights must be two-letter codes or a number: \"" + text
                        + "\" at position=" + (position + i));
            }
            String code = text.substring(i, i + 2);
            Integer v = rightValue(code.chars().allMatch(c -> c < 0x80) ? code.toUpperCase(Locale.ROOT) : code);
            if (v == null) {
                throw new SecurityFormatException("unknown access right \"" + code + "\" at position=" + (position + i)
                        + " (expected GA GR GW GX RC SD WD WO RP WP CC DC LC SW LO DT CR FA FR FW FX KA KR KW KX NR NW NX"
                        + " or a number)");
            }
            mask |= v;
            i += 2;
            int next = i;
            while (next < text.length() && text.charAt(next) == ' ') {
                next++;
            }
            if (next > i && next == text.length()) {
                throw new SecurityFormatException("no space may follow the access rights (Windows refuses it) at position="
                        + (position + i));
            }
            i = next;
        }
        return mask;
    }

    private static Integer rightValue(String code) {
        Integer aggregate = AGGREGATE.get(code);
        if (aggregate != null) {
            return aggregate;
        }
        for (int bit = 0; bit < 32; bit++) {
            if (code.equals(BIT_RIGHT[bit])) {
                return 1 << bit;
            }
        }
        for (int bit = 0; bit < LABEL_RIGHT.length; bit++) {
            if (code.equals(LABEL_RIGHT[bit])) {
                return 1 << bit;
            }
        }
        return null;
    }

    private static int parseNumber(String text, int position) {
        int radix = 10;
        int start = 0;
        if (text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            radix = 16;
            start = 2;
        } else if (text.length() > 1 && text.charAt(0) == '0') {
            radix = 8;
            start = 1;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = c < 0x80 ? Character.digit(c, radix) : -1;
            if (d < 0) {
                throw new SecurityFormatException("bad digit '" + c + "' in access mask \"" + text + "\" (radix " + radix
                        + ") at position=" + (position + i));
            }
            value = value * radix + d;
            if (value > 0xFFFF_FFFFL) {
                throw new SecurityFormatException("access mask \"" + text + "\" exceeds 0xffffffff at position=" + position);
            }
        }
        return (int) value;
    }

    // ---------------------------------------------------------------- ACE flags

    /** AceFlags as codes in ascending bit order (every one of the 8 bits has a code). */
    static String formatAceFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < ACE_FLAG.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(ACE_FLAG[bit]);
            }
        }
        return sb.toString();
    }

    /** Reads AceFlags from a run of two-letter codes (OI CI NP IO ID CR SA FA). */
    static int parseAceFlags(String text, int position) {
        if (text.length() % 2 != 0) {
            throw new SecurityFormatException("ACE flags must be two-letter codes: \"" + text + "\" at position=" + position);
        }
        int flags = 0;
        outer:
        for (int i = 0; i < text.length(); i += 2) {
            String code = text.substring(i, i + 2);
            if (code.equals("TP")) {
                // sddl.h SDDL_TRUST_PROTECTED_FILTER: bit 0x40 again, meaningful only on access filter ACEs (FL)
                throw new SecurityFormatException("ACE flag TP (trust protected filter) applies only to access filter"
                        + " ACEs (FL), which are not supported, at position=" + (position + i));
            }
            for (int bit = 0; bit < ACE_FLAG.length; bit++) {
                if (ACE_FLAG[bit].equals(code)) {
                    flags |= 1 << bit;
                    continue outer;
                }
            }
            // Lowercase flags and spaces inside the field are refused: no evidence shows Windows taking them.
            throw new SecurityFormatException("unknown ACE flag \"" + code + "\" at position=" + (position + i)
                    + " (expected OI CI NP IO ID CR SA FA, in capitals, without spaces)");
        }
        return flags;
    }
}
