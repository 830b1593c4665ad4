package org.dcom4j.com.automation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The getter or the setter of an Automation property. A getter returns a value and takes no
 * argument (DISPATCH_PROPERTYGET); a setter returns void and takes the new value as its one argument
 * (DISPATCH_PROPERTYPUT, and DISPATCH_PROPERTYPUTREF when the value is an interface pointer). Both halves
 * name the same property; the default name is the Java name without its {@code get}/{@code set}/{@code is}
 * prefix ({@code getName} → {@code Name}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DispProperty {
    /** The property name; empty: derived from the Java method's name. */
    String name() default "";

    /** The DISPID; {@link DispMethod#AUTO}: assigned from the sorted member names. */
    int dispId() default DispMethod.AUTO;
}
