package org.dcom4j.com.automation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public method callable through the object's automatic IDispatch as DISPATCH_METHOD (and, when it
 * takes no argument, also as DISPATCH_PROPERTYGET, as Automation allows). Parameters and the result
 * convert as {@link Conversions} says. Names are matched case-insensitively.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DispMethod {
    /** The member name; empty: the Java method's name. */
    String name() default "";

    /** The DISPID; {@link #AUTO}: assigned from the sorted member names ({@link DispatchTable}). */
    int dispId() default AUTO;

    int AUTO = Integer.MIN_VALUE;
}
