package org.dcom4j.security;

import java.util.List;

/**
 * An access control list (MS-DTYP 2.4.5): a revision and ACEs in order. Immutable.
 *
 * <pre>
 * AclRevision(1) Sbz1(1) AclSize(2, LE) AceCount(2, LE) Sbz2(2) | ACE…
 * </pre>
 *
 * @param revision ACL_REVISION (2), or ACL_REVISION_DS (4) when it holds object ACEs
 * @param aces     the ACEs, in evaluation order
 */
public record Acl(int revision, List<Ace> aces) {
    public static final int ACL_REVISION = 2;
    public static final int ACL_REVISION_DS = 4;
    /** AceCount is 16-bit on the wire. */
    public static final int MAX_ACES = 0xFFFF;

    public Acl {
        aces = List.copyOf(aces);
        if (revision != ACL_REVISION && revision != ACL_REVISION_DS) {
            throw new SecurityFormatException("AclRevision must be 2 or 4: AclRevision=" + revision);
        }
    }

    /** An ACL of {@code aces}, at revision 4 if any ACE is an object ACE, as Windows builds it. */
    public static Acl of(List<Ace> aces) {
        boolean object = aces.stream().anyMatch(a -> a.type().isObject());
        return new Acl(object ? ACL_REVISION_DS : ACL_REVISION, aces);
    }

    public static Acl of(Ace... aces) {
        return of(List.of(aces));
    }

    /** Bytes this ACL takes in binary form (AclSize). */
    public int encodedLength() {
        int n = 8;
        for (Ace a : aces) {
            n += a.encodedLength();
        }
        return n;
    }
}
