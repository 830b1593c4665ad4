package org.dcom4j.security;

/** Access mask bits (MS-DTYP 2.4.3) and the generic mappings used by dcom4j's securable objects. */
public final class AccessMask {
    private AccessMask() {
    }

    public static final int DELETE = 0x0001_0000;
    public static final int READ_CONTROL = 0x0002_0000;
    public static final int WRITE_DAC = 0x0004_0000;
    public static final int WRITE_OWNER = 0x0008_0000;
    public static final int SYNCHRONIZE = 0x0010_0000;
    public static final int ACCESS_SYSTEM_SECURITY = 0x0100_0000;
    public static final int MAXIMUM_ALLOWED = 0x0200_0000;
    public static final int GENERIC_ALL = 0x1000_0000;
    public static final int GENERIC_EXECUTE = 0x2000_0000;
    public static final int GENERIC_WRITE = 0x4000_0000;
    public static final int GENERIC_READ = 0x8000_0000;
    public static final int GENERIC_BITS = GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ;

    // Registry key rights (winnt.h).
    public static final int KEY_QUERY_VALUE = 0x0001;
    public static final int KEY_SET_VALUE = 0x0002;
    public static final int KEY_CREATE_SUB_KEY = 0x0004;
    public static final int KEY_ENUMERATE_SUB_KEYS = 0x0008;
    public static final int KEY_NOTIFY = 0x0010;
    public static final int KEY_CREATE_LINK = 0x0020;
    public static final int KEY_READ = 0x0002_0019;
    public static final int KEY_WRITE = 0x0002_0006;
    public static final int KEY_ALL_ACCESS = 0x000F_003F;

    /**
     * A generic mapping (MS-DTYP 2.5.3.2 GENERIC_MAPPING): what GENERIC_READ, _WRITE, _EXECUTE and
     * _ALL stand for on one kind of object.
     */
    public record GenericMapping(int read, int write, int execute, int all) {
        /** Replaces generic bits in {@code mask} by the specific rights they stand for. */
        public int map(int mask) {
            if ((mask & GENERIC_BITS) == 0) {
                return mask;
            }
            int m = mask & ~GENERIC_BITS;
            if ((mask & GENERIC_READ) != 0) {
                m |= read;
            }
            if ((mask & GENERIC_WRITE) != 0) {
                m |= write;
            }
            if ((mask & GENERIC_EXECUTE) != 0) {
                m |= execute;
            }
            if ((mask & GENERIC_ALL) != 0) {
                m |= all;
            }
            return m;
        }
    }

    /** Registry keys: KEY_READ, KEY_WRITE, KEY_EXECUTE (= KEY_READ), KEY_ALL_ACCESS. */
    public static final GenericMapping KEY_MAPPING = new GenericMapping(KEY_READ, KEY_WRITE, KEY_READ, KEY_ALL_ACCESS);

    /**
     * COM permissions: every generic right means COM_RIGHTS_EXECUTE, the one right a legacy COM
     * descriptor uses, as Windows maps them for COM access checks.
     */
    public static final GenericMapping COM_MAPPING = new GenericMapping(ComRights.EXECUTE, ComRights.EXECUTE,
            ComRights.EXECUTE, ComRights.EXECUTE | ComRights.EXECUTE_LOCAL | ComRights.EXECUTE_REMOTE
            | ComRights.ACTIVATE_LOCAL | ComRights.ACTIVATE_REMOTE);
}
