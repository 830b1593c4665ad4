package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A sealed interface that is an NDR union (C706 14.3.8); its permitted records are the arms ({@link
 * Case}, {@link DefaultCase}; a record with no components is an empty arm). Non-encapsulated unions
 * take their discriminant from a {@link SwitchIs} component; encapsulated ones carry it and take it
 * from the arm's first case value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface NdrUnion {
    /** Width of the discriminant on the wire: 8, 16 or 32. */
    int discriminantBits() default 32;

    /** An encapsulated union ({@code union switch (long d) …}). */
    boolean encapsulated() default false;
}
