package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code [switch_is(field)]} on a non-encapsulated union component: names the component holding the
 * discriminant.
 *
 * <p>{@link #via()} covers a {@code switch_is} whose wire discriminant is a function of the field rather
 * than the field itself (IDL's {@code switch_is(expr)}, or a hand-written wire_marshal such as MS-OAUT's
 * wireVARIANT, whose discriminant for {@code VT_ARRAY|t} is {@code VT_ARRAY}): it names a {@code public
 * static long name(long field)} method declared by the union's sealed interface. The discriminant written
 * is {@code name(field)}, and on decode the discriminant read must equal {@code name(field)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface SwitchIs {
    String value();

    /** A static method of the union interface mapping the field's (unsigned) value to the discriminant; empty = identity. */
    String via() default "";
}
