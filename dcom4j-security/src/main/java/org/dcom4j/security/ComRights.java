package org.dcom4j.security;

/**
 * The COM access rights of launch and access permission descriptors (the seed's
 * COM_RIGHTS_* values). In SDDL they print as CC (1), DC (2), LC (4), SW (8), RP (16).
 */
public final class ComRights {
    private ComRights() {
    }

    public static final int EXECUTE = 0x01;
    public static final int EXECUTE_LOCAL = 0x02;
    public static final int EXECUTE_REMOTE = 0x04;
    public static final int ACTIVATE_LOCAL = 0x08;
    public static final int ACTIVATE_REMOTE = 0x10;
    /** The four rights of the XP SP2 / Server 2003 SP1 format. */
    public static final int SPECIFIC = EXECUTE_LOCAL | EXECUTE_REMOTE | ACTIVATE_LOCAL | ACTIVATE_REMOTE;
    public static final int ALL = EXECUTE | SPECIFIC;
}
