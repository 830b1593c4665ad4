package org.dcom4j.security;

import java.util.List;

/**
 * The outcome of one {@link AccessCheck}: whether every requested right was granted, and why.
 *
 * @param allowed     true when every desired right was granted
 * @param desired     the desired rights after generic mapping
 * @param granted     the rights granted (a subset of {@code desired}, or every grantable right for MAXIMUM_ALLOWED)
 * @param reason      which rule decided
 * @param decidingAce index of the ACE that decided (the deny ACE, or the allow ACE that completed the grant), or -1
 * @param matchedAces indexes of the allow ACEs that matched the token, in order (for explanations)
 */
public record AccessResult(boolean allowed, int desired, int granted, Reason reason, int decidingAce,
                           List<Integer> matchedAces) {
    /** The rule that decided an access check. */
    public enum Reason {
        /** The descriptor has no DACL, or a null one: everything is granted. */
        NULL_DACL,
        /** Allow ACEs (and owner rights) granted every desired right. */
        GRANTED,
        /** An ACE denied a desired right before it was granted. */
        DENIED_BY_ACE,
        /** The ACEs ran out with desired rights left ungranted (an empty DACL always ends here). */
        NOT_GRANTED
    }

    public AccessResult {
        matchedAces = List.copyOf(matchedAces);
    }

    /** The desired rights nobody granted. */
    public int missing() {
        return desired & ~granted;
    }
}
