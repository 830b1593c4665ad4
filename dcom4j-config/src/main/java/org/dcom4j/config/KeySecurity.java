package org.dcom4j.config;

import java.util.ArrayList;
import java.util.List;

import org.dcom4j.security.AccessMask;
import org.dcom4j.security.Ace;
import org.dcom4j.security.AceType;
import org.dcom4j.security.Acl;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * Security descriptors of registry keys: the root descriptor of a new store and inheritance from a
 * parent key to a new or re-secured child (MS-DTYP 2.5.3.4.2 ComputeACL / ContainerInheritACE, for
 * a container child: registry keys are containers, values are not securable). Stateless.
 */
final class KeySecurity {
    private KeySecurity() {
    }

    private static final int INHERIT_FLAGS = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT
            | Ace.NO_PROPAGATE_INHERIT | Ace.INHERIT_ONLY;

    /**
     * {@code O:BAG:SYD:PAI(A;CI;KA;;;BA)(A;CI;KA;;;SY)(A;CI;KR;;;WD)}: Administrators and SYSTEM
     * have full control of the hive and everything below it, Everyone may read. Built from ACEs
     * rather than parsed so the store does not depend on the SDDL aliases KA/KR.
     */
    static SecurityDescriptor rootDescriptor() {
        Acl dacl = Acl.of(
                ace(Ace.CONTAINER_INHERIT, AccessMask.KEY_ALL_ACCESS, WellKnownSids.BUILTIN_ADMINISTRATORS),
                ace(Ace.CONTAINER_INHERIT, AccessMask.KEY_ALL_ACCESS, WellKnownSids.LOCAL_SYSTEM),
                ace(Ace.CONTAINER_INHERIT, AccessMask.KEY_READ, WellKnownSids.EVERYONE));
        return new SecurityDescriptor(SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED,
                WellKnownSids.BUILTIN_ADMINISTRATORS, WellKnownSids.LOCAL_SYSTEM, null, dacl);
    }

    private static Ace ace(int flags, int mask, Sid sid) {
        return new Ace(AceType.ACCESS_ALLOWED, flags, mask, sid, null, null, null);
    }

    /** The owner Windows gives an object a token creates: BUILTIN\Administrators for an administrator. */
    static Sid ownerFor(Token creator) {
        return creator.isAdministrator() ? WellKnownSids.BUILTIN_ADMINISTRATORS : creator.user();
    }

    /**
     * The descriptor of a key {@code creator} creates under a key whose descriptor is {@code parent}.
     * With nothing inheritable the DACL is the default one: owner and SYSTEM get KEY_ALL_ACCESS.
     */
    static SecurityDescriptor forNewKey(SecurityDescriptor parent, Token creator) {
        Sid owner = ownerFor(creator);
        Sid group = parent.group() != null ? parent.group() : WellKnownSids.LOCAL_SYSTEM;
        // A parent without a DACL passes nothing down, like one without inheritable ACEs.
        List<Ace> inherited = inherit(parent.dacl(), owner, group);
        if (!inherited.isEmpty()) {
            return new SecurityDescriptor(SecurityDescriptor.DACL_AUTO_INHERITED, owner, group, null, Acl.of(inherited));
        }
        // Windows then applies the creator's default DACL; tokens carry none, so: owner and SYSTEM.
        List<Ace> def = new ArrayList<>();
        def.add(Ace.allow(AccessMask.KEY_ALL_ACCESS, owner));
        if (!owner.equals(WellKnownSids.LOCAL_SYSTEM)) {
            def.add(Ace.allow(AccessMask.KEY_ALL_ACCESS, WellKnownSids.LOCAL_SYSTEM));
        }
        return new SecurityDescriptor(0, owner, group, null, Acl.of(def));
    }

    /**
     * {@code child} re-inherited from {@code parent} (SetSecurityInfo and propagation): a protected
     * DACL (or a null or absent one) is kept as it is; otherwise its explicit ACEs are kept, in
     * order, and the parent's inheritable ACEs follow.
     */
    static SecurityDescriptor reinherit(SecurityDescriptor child, SecurityDescriptor parent) {
        if ((child.control() & SecurityDescriptor.DACL_PROTECTED) != 0 || child.dacl() == null) {
            return child;
        }
        List<Ace> aces = new ArrayList<>();
        for (Ace a : child.dacl().aces()) {
            if ((a.flags() & Ace.INHERITED) == 0) {
                aces.add(a);
            }
        }
        Sid owner = child.owner() != null ? child.owner() : WellKnownSids.BUILTIN_ADMINISTRATORS;
        Sid group = child.group() != null ? child.group() : WellKnownSids.LOCAL_SYSTEM;
        if (parent.dacl() != null) {
            aces.addAll(inherit(parent.dacl(), owner, group));
        }
        return new SecurityDescriptor(child.control() | SecurityDescriptor.DACL_AUTO_INHERITED, child.owner(),
                child.group(), child.sacl(), new Acl(child.dacl().revision(), aces));
    }

    /**
     * The ACEs a container child inherits from {@code parentDacl}:
     * <ul>
     * <li>CONTAINER_INHERIT with NO_PROPAGATE: one effective ACE, inheritance flags cleared;</li>
     * <li>CONTAINER_INHERIT naming CREATOR OWNER / CREATOR GROUP or holding generic rights: an effective
     *     ACE (trustee substituted, rights mapped with KEY_MAPPING, inheritance flags cleared) and an
     *     inherit-only copy carrying the original for grandchildren;</li>
     * <li>other CONTAINER_INHERIT ACEs: one ACE, INHERIT_ONLY cleared;</li>
     * <li>OBJECT_INHERIT only (without NO_PROPAGATE): passed down inherit-only for objects further below;</li>
     * </ul>
     * every inherited ACE gets the INHERITED flag.
     */
    static List<Ace> inherit(Acl parentDacl, Sid owner, Sid group) {
        List<Ace> out = new ArrayList<>();
        if (parentDacl == null) {
            return out;
        }
        for (Ace a : parentDacl.aces()) {
            int f = a.flags();
            boolean ci = (f & Ace.CONTAINER_INHERIT) != 0;
            boolean oi = (f & Ace.OBJECT_INHERIT) != 0;
            boolean np = (f & Ace.NO_PROPAGATE_INHERIT) != 0;
            if (ci) {
                Sid trustee = substitute(a.sid(), owner, group);
                int mapped = AccessMask.KEY_MAPPING.map(a.mask());
                boolean split = !trustee.equals(a.sid()) || mapped != a.mask();
                if (np) {
                    out.add(copy(a, (f & ~INHERIT_FLAGS) | Ace.INHERITED, mapped, trustee));
                } else if (split) {
                    out.add(copy(a, (f & ~INHERIT_FLAGS) | Ace.INHERITED, mapped, trustee));
                    out.add(copy(a, f | Ace.INHERIT_ONLY | Ace.INHERITED, a.mask(), a.sid()));
                } else {
                    out.add(copy(a, (f & ~Ace.INHERIT_ONLY) | Ace.INHERITED, a.mask(), a.sid()));
                }
            } else if (oi && !np) {
                out.add(copy(a, f | Ace.INHERIT_ONLY | Ace.INHERITED, a.mask(), a.sid()));
            }
        }
        return out;
    }

    private static Sid substitute(Sid sid, Sid owner, Sid group) {
        if (sid.equals(WellKnownSids.CREATOR_OWNER)) {
            return owner;
        }
        if (sid.equals(WellKnownSids.CREATOR_GROUP)) {
            return group;
        }
        return sid;
    }

    private static Ace copy(Ace a, int flags, int mask, Sid sid) {
        return new Ace(a.type(), flags, mask, sid, a.objectType(), a.inheritedObjectType(), a.applicationData());
    }
}
