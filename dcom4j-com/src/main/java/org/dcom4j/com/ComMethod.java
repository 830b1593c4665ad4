package org.dcom4j.com;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The opnum of a {@link ComInterface} method: its index in the interface's vtable. 0–2 are IUnknown's
 * (never sent on the wire), so the first method of an IUnknown-derived interface is 3, of an
 * IDispatch-derived one 7.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComMethod {
    int opnum();
}
