package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code [unique]} pointer (C706 14.3.10.2): referent id (0 = NULL, Java {@code null}) and a referent
 * with no identity.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER,
    ElementType.METHOD})
public @interface Unique {
}
