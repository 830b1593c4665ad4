package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The discriminant values selecting this arm (a record implementing an {@link NdrUnion} interface). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface Case {
    long[] value();
}
