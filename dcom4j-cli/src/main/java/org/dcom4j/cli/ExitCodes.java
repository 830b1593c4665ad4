package org.dcom4j.cli;

/**
 * The exit codes of every {@code dcom4j} command. Scripts branch on them (an access check in a
 * deployment script, an exposure gate in CI), so they never change meaning.
 */
final class ExitCodes {
    private ExitCodes() {
    }

    /** Success, ALLOW, VALID. */
    static final int OK = 0;
    /** DENY, INVALID, or a write the store refused because the caller is not an administrator. */
    static final int DENIED = 1;
    /**
     * Bad input: usage, GUID, SID, SDDL, hex, number, value type, time, {@code .reg} syntax; no store in
     * the state directory; an unknown user, group, key, value or AppID; a file the user named that
     * cannot be read ({@code import}) or written ({@code export --output}).
     */
    static final int BAD_INPUT = 2;
    /** {@code exposure --fail-on-flag} found Everyone or ANONYMOUS LOGON with a remote right. */
    static final int FLAGGED = 3;
    /** The environment failed: the state directory or its store cannot be created, read or written; a bug. */
    static final int ENVIRONMENT = 4;
}
