package org.dcom4j.config;

import java.util.List;

import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/** Tokens the tests act with. */
final class Tokens {
    private Tokens() {
    }

    static final Sid DOMAIN = Sid.parse("S-1-5-21-1111-2222-3333");

    /** An administrator, as LocalAccounts makes root's token. */
    static final Token ADMIN = Token.of("root", DOMAIN.child(1000), List.of(DOMAIN.child(1001),
            WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE,
            WellKnownSids.BUILTIN_USERS, WellKnownSids.BUILTIN_ADMINISTRATORS));

    /** An ordinary user, alice (uid 1000 → RID 3000). */
    static final Token ALICE = Token.of("alice", DOMAIN.child(3000), List.of(DOMAIN.child(3001),
            WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE,
            WellKnownSids.BUILTIN_USERS));

    /** A member of Distributed COM Users, who is not an administrator. */
    static final Token DCOM_USER = ALICE.withGroups(List.of(WellKnownSids.DISTRIBUTED_COM_USERS));
}
