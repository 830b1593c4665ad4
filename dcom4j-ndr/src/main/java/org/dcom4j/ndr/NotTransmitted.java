package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that is not on the wire: it only supplies a correlation value, typically an
 * {@code [in]} parameter sizing an {@code [out]} array ({@code [size_is(max_towers)]} in the
 * response of {@code ept_map}). On encode its value is used for correlation; on decode it is not
 * known, no correlation check is made against it, and it decodes as 0 / false / null.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface NotTransmitted {
}
