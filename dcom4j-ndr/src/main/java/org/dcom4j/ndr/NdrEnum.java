package org.dcom4j.ndr;

/**
 * Implemented by a Java {@code enum} whose NDR values are not its ordinals. Enums are 16-bit on
 * the wire (C706 14.2.3 / MIDL), 32-bit with {@link V1Enum}.
 */
public interface NdrEnum {
    /** The value on the wire (0..0xFFFF for a 16-bit enum). */
    int value();
}
