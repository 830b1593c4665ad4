package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a method parameter for {@link NdrParameter#of(java.lang.reflect.Parameter)}, which
 * correlation attributes ({@code @SizeIs("count")} …) refer to. Needed when the class was compiled
 * without {@code javac -parameters}; it wins over the compiled name when both are present.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER})
public @interface Named {
    String value();
}
