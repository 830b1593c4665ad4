package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code [length_is(field)]}: the actual count of a varying or conformant varying array; the Java
 * array holds exactly the transmitted elements.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface LengthIs {
    String value();
}
