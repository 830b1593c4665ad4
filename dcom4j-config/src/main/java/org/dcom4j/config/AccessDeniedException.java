package org.dcom4j.config;

import java.util.Objects;

import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;

/**
 * A registry write was refused by the key's security descriptor. The message names the key, the
 * right that was missing, the caller and why, e.g.
 * {@code access denied: KEY_SET_VALUE on HKLM\SOFTWARE\Microsoft\Ole for alice (S-1-5-21-…-3000): no ACE grants it}.
 * Nothing of the refused operation (or of the transaction it was part of) was applied. Immutable.
 */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String right;
    private final String userName;
    private final String reason;
    private final transient Sid user;

    AccessDeniedException(String key, String right, Token token, String reason) {
        this(key, right, token.name(), token.user(), reason, "");
    }

    private AccessDeniedException(String key, String right, String userName, Sid user, String reason, String context) {
        super(context + "access denied: " + right + " on " + key + " for " + userName + " (" + user + "): " + reason);
        this.key = Objects.requireNonNull(key);
        this.right = Objects.requireNonNull(right);
        this.userName = userName;
        this.user = user;
        this.reason = reason;
    }

    /** The same refusal with {@code context} (e.g. {@code line=12: }) in front of the message. */
    AccessDeniedException withContext(String context) {
        return new AccessDeniedException(key, right, userName, user, reason, context);
    }

    /** The key the write was refused on, e.g. {@code HKLM\SOFTWARE\Microsoft\Ole}. */
    public String key() {
        return key;
    }

    /** The right that was missing: {@code KEY_SET_VALUE}, {@code KEY_CREATE_SUB_KEY}, {@code DELETE}, {@code WRITE_DAC}, … */
    public String right() {
        return right;
    }

    /** Why: {@code no ACE grants it}, {@code denied by ACE #2 (D;;KA;;;WD)}, … */
    public String reason() {
        return reason;
    }

    /** The caller's account name. */
    public String userName() {
        return userName;
    }

    /** The caller's user SID. */
    public Sid user() {
        return user;
    }
}
