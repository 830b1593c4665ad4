package org.dcom4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dcom4j.config.LocalAccounts;
import org.dcom4j.security.Distance;
import org.dcom4j.security.SecurityFormatException;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The token {@code dcom4j access check} judges, built the way the runtime will build it for a real
 * caller, so a "what if" answer matches what the caller will get:
 *
 * <ol>
 * <li>the base: {@code --user NAME} is the Unix user's token from {@link LocalAccounts} (its groups,
 *     Everyone, Authenticated Users, LOCAL, INTERACTIVE, Users, and Administrators or Distributed COM
 *     Users by Unix group); {@code --sid SID} is that SID with Everyone and Authenticated Users;
 *     {@code --anonymous} is ANONYMOUS LOGON with neither;</li>
 * <li>the logon type the distance implies: a Remote caller has a network logon — LOCAL (S-1-2-0) and
 *     INTERACTIVE (S-1-5-4) removed, NETWORK (S-1-5-2) added — and a Local one has INTERACTIVE and
 *     LOCAL (except ANONYMOUS LOGON, which never holds them);</li>
 * <li>then each {@code --group}, last, so an explicit group always ends up in the token.</li>
 * </ol>
 */
final class CallerToken {
    /** Two capitals: the shape of an SDDL SID alias. */
    private static final Pattern ALIAS = Pattern.compile("[A-Z]{2}");

    private CallerToken() {
    }

    static Token forUser(LocalAccounts accounts, String unixName) {
        return accounts.tokenForUser(unixName);
    }

    static Token forSid(LocalAccounts accounts, String sidText) {
        Sid sid = sid(sidText);
        // The account name alone ("Everyone"), not describe()'s "Everyone (S-1-1-0)": the SID is printed beside it.
        String name = WellKnownSids.name(sid).orElseGet(() -> accounts.describe(sid));
        return Token.of(name, sid, List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS));
    }

    static Token anonymous() {
        return Token.anonymous(List.of());
    }

    /** Applies the logon type of {@code distance} (step 2 above). */
    static Token atDistance(Token t, Distance distance) {
        if (distance == Distance.REMOTE) {
            return t.withoutGroups(List.of(WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE))
                    .withGroups(List.of(WellKnownSids.NETWORK));
        }
        if (t.isAnonymous()) {
            return t;
        }
        return t.withoutGroups(List.of(WellKnownSids.NETWORK))
                .withGroups(List.of(WellKnownSids.INTERACTIVE, WellKnownSids.LOCAL));
    }

    /** Adds the {@code --group} values (step 3 above). */
    static Token withGroups(Token t, LocalAccounts accounts, List<String> names) {
        List<Sid> sids = new ArrayList<>();
        for (String n : names) {
            sids.add(group(accounts, n));
        }
        return t.withGroups(sids);
    }

    /**
     * A group as an administrator names it: a well-known name ({@code Administrators},
     * {@code "Distributed COM Users"}, {@code Everyone}, {@code NT AUTHORITY\NETWORK}), an SDDL alias
     * ({@code BA}), a SID string, or a Unix group name (mapped under the machine SID). Well-known
     * names win over a Unix group of the same name, as a Windows name lookup prefers BUILTIN.
     */
    static Sid group(LocalAccounts accounts, String name) {
        Optional<Sid> known;
        try {
            known = WellKnownSids.lookupName(name);
        } catch (SecurityFormatException e) {
            throw CliException.badInput("bad group \"" + name + "\": " + e.getMessage());
        }
        if (known.isPresent()) {
            return known.get();
        }
        Optional<Sid> unix = accounts.groupSid(name);
        if (unix.isPresent()) {
            return unix.get();
        }
        if (ALIAS.matcher(name).matches()) {
            // An alias lookupName does not know: let the SDDL reader say why (DU, DA… are relative to a domain).
            try {
                return WellKnownSids.parse(name);
            } catch (SecurityFormatException e) {
                throw CliException.badInput("bad group \"" + name + "\": " + e.getMessage());
            }
        }
        throw CliException.badInput("unknown group \"" + name + "\": expected a well-known name (Administrators, "
                + "\"Distributed COM Users\", Everyone, ...), an SDDL alias (BA), a SID (S-1-...) or a Unix group");
    }

    /**
     * {@code token: NAME (SID) groups=[…]}, the SID once: a name that already holds it
     * ({@code S-1-5-21-…-1013}, {@code alice (uid 1000, S-1-5-21-…)}) is printed alone.
     */
    static String describe(Token t) {
        String user = t.user().toString();
        StringBuilder sb = new StringBuilder(t.name());
        if (!t.name().contains(user)) {
            sb.append(" (").append(user).append(')');
        }
        sb.append(" groups=[");
        String sep = "";
        for (Sid g : t.groups()) {
            sb.append(sep).append(WellKnownSids.name(g).orElse(g.toString()));
            sep = ", ";
        }
        return sb.append(']').toString();
    }

    private static Sid sid(String text) {
        try {
            return WellKnownSids.parse(text.strip());
        } catch (SecurityFormatException e) {
            throw CliException.badInput("bad SID \"" + text + "\": " + e.getMessage());
        }
    }
}
