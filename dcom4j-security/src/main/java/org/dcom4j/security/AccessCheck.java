package org.dcom4j.security;

import java.util.ArrayList;
import java.util.List;

/**
 * AccessCheck as MS-DTYP 2.5.3.2 defines it, for a discretionary ACL:
 * <ol>
 * <li>generic rights in the request are mapped to specific ones; a request for no right at all
 *     (neither a bit nor MAXIMUM_ALLOWED) is denied, as Windows' SeAccessCheck denies it;</li>
 * <li>a descriptor without a DACL, or with a null DACL, grants everything; an empty DACL grants nothing;</li>
 * <li>the owner is granted READ_CONTROL and WRITE_DAC implicitly, unless the DACL holds an
 *     OWNER RIGHTS (S-1-3-4) ACE, which then applies to the owner in their place;</li>
 * <li>ACEs are taken in order, inherit-only ones skipped: an ACCESS_DENIED ACE whose trustee is in
 *     the token and whose mask names any still-ungranted desired bit denies; an ACCESS_ALLOWED ACE
 *     whose trustee is in the token grants its bits; once every desired bit is granted, access is
 *     allowed;</li>
 * <li>bits left ungranted when the ACEs run out deny.</li>
 * </ol>
 * ACE masks are generic-mapped too: Windows maps generic bits when a descriptor is assigned to an
 * object, so stored ACEs never hold them, and mapping here gives the same answer for descriptors
 * written by hand. Object ACEs that name an ObjectType are ignored, as Windows ignores them when no
 * object type list is given. Callback ACEs carry conditions this runtime does not evaluate: an allow
 * callback ACE never grants and a deny callback ACE always applies (deny on doubt). PRINCIPAL SELF
 * (S-1-5-10) in an ACE stands for {@code principalSelf} when one is given.
 *
 * <p>Stateless and thread-safe; allocates its result and the (usually one-element) list of matched ACEs.
 */
public final class AccessCheck {
    private AccessCheck() {
    }

    public static AccessResult check(SecurityDescriptor sd, Token token, int desired, AccessMask.GenericMapping mapping) {
        return check(sd, token, desired, mapping, null);
    }

    public static AccessResult check(SecurityDescriptor sd, Token token, int desiredAccess,
                                     AccessMask.GenericMapping mapping, Sid principalSelf) {
        boolean maximum = (desiredAccess & AccessMask.MAXIMUM_ALLOWED) != 0;
        int desired = mapping.map(desiredAccess & ~AccessMask.MAXIMUM_ALLOWED);
        if (desired == 0 && !maximum) {
            // Asking for nothing is a caller's mistake (a right that mapped to no bit); Windows'
            // SeAccessCheck answers it with STATUS_ACCESS_DENIED, and so do we, whatever the DACL.
            return new AccessResult(false, 0, 0, AccessResult.Reason.NOT_GRANTED, -1, List.of());
        }
        Acl dacl = sd.dacl();
        if (dacl == null) {
            int all = maximum ? desired | mapping.all() : desired;
            return new AccessResult(true, desired, all, AccessResult.Reason.NULL_DACL, -1, List.of());
        }
        List<Ace> aces = dacl.aces();
        int granted = 0;
        int denied = 0;
        boolean isOwner = sd.owner() != null && token.contains(sd.owner());
        if (isOwner && !hasOwnerRightsAce(aces)) {
            granted = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC;
        }
        // The allow ACEs that matched, for explanations: usually one, kept in firstMatch; a list only from the second.
        int firstMatch = -1;
        List<Integer> allMatches = null;
        for (int i = 0; i < aces.size(); i++) {
            Ace ace = aces.get(i);
            if (ace.isInheritOnly() || !applies(ace)) {
                continue;
            }
            Sid trustee = ace.sid();
            if (principalSelf != null && trustee.equals(WellKnownSids.PRINCIPAL_SELF)) {
                trustee = principalSelf;
            }
            if (!token.contains(trustee) && !(isOwner && trustee.equals(WellKnownSids.OWNER_RIGHTS))) {
                continue;
            }
            int mask = mapping.map(ace.mask());
            AceType type = ace.type();
            if (type.kind() == AceType.Kind.DENY) {
                if (maximum) {
                    denied |= mask & ~granted;
                } else if ((mask & desired & ~granted) != 0) {
                    return new AccessResult(false, desired, granted & desired, AccessResult.Reason.DENIED_BY_ACE, i,
                            matched(firstMatch, allMatches));
                }
            } else if (type.kind() == AceType.Kind.ALLOW && !type.isCallback()) {
                if (firstMatch < 0) {
                    firstMatch = i;
                } else {
                    if (allMatches == null) {
                        allMatches = new ArrayList<>(4);
                        allMatches.add(firstMatch);
                    }
                    allMatches.add(i);
                }
                granted |= mask & ~denied;
                if (!maximum && (desired & ~granted) == 0) {
                    return new AccessResult(true, desired, desired, AccessResult.Reason.GRANTED, i,
                            matched(firstMatch, allMatches));
                }
            }
        }
        List<Integer> m = matched(firstMatch, allMatches);
        if (maximum) {
            boolean ok = (desired & ~granted) == 0 && granted != 0;
            return new AccessResult(ok, desired, granted, ok ? AccessResult.Reason.GRANTED : AccessResult.Reason.NOT_GRANTED,
                    -1, m);
        }
        if ((desired & ~granted) == 0) {
            // Only the owner's implicit rights were asked for.
            return new AccessResult(true, desired, desired, AccessResult.Reason.GRANTED, -1, m);
        }
        return new AccessResult(false, desired, granted & desired, AccessResult.Reason.NOT_GRANTED, -1, m);
    }

    /** The matched allow ACEs as one immutable list ({@link AccessResult} then keeps it without a copy). */
    private static List<Integer> matched(int first, List<Integer> all) {
        return all != null ? all : first < 0 ? List.of() : List.of(first);
    }

    /** Allow/deny ACEs take part; object ACEs only when they name no ObjectType; audit, alarm and label ACEs never. */
    private static boolean applies(Ace ace) {
        AceType.Kind kind = ace.type().kind();
        if (kind != AceType.Kind.ALLOW && kind != AceType.Kind.DENY) {
            return false;
        }
        return !ace.type().isObject() || ace.objectType() == null;
    }

    private static boolean hasOwnerRightsAce(List<Ace> aces) {
        for (Ace a : aces) {
            if (!a.isInheritOnly() && a.sid().equals(WellKnownSids.OWNER_RIGHTS)) {
                return true;
            }
        }
        return false;
    }
}
