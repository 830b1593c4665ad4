package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code [ptr]} full pointer (C706 14.3.10.3): the same Java object (identity) gets the same referent
 * id and is sent once; cycles are refused on decode.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER,
    ElementType.METHOD})
public @interface Full {
}
