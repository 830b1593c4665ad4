package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@code [v1_enum]}: an enum sent as 32 bits instead of 16 (on the enum type or the component). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER,
    ElementType.METHOD, ElementType.TYPE})
public @interface V1Enum {
}
