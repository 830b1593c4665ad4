package org.dcom4j.security;

/**
 * A security descriptor, ACL, ACE, SID or SDDL string is malformed. The message names what is wrong
 * and where, for example {@code ACL size lies: AclSize=4096, bytes left=28, offset=20} or
 * {@code unknown ACE type "QQ" at position=14}; it never carries a stack trace to the user.
 */
public final class SecurityFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SecurityFormatException(String message) {
        super(message);
    }
}
