package org.dcom4j.config;

/**
 * The config store could not do what was asked for a reason other than access: the database file
 * cannot be opened, is busy beyond the timeout, is corrupt, or comes from a newer dcom4j. The message
 * names the file and the cause, for an administrator; the SQL exception, if any, is the cause.
 * Immutable.
 */
public final class ConfigStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigStoreException(String message) {
        super(message);
    }

    public ConfigStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
