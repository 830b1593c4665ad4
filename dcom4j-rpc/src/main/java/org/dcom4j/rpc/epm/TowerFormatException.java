package org.dcom4j.rpc.epm;

/**
 * A {@code tower_octet_string} that does not follow C706 appendix L (floor count, byte counts
 * running past the octets, trailing bytes), or a tower that lacks a floor an operation needs.
 * The message names the field, its value and the limit ({@code floor_count=40, limit=16}).
 */
public final class TowerFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public TowerFormatException(String message) {
        super(message);
    }
}
