package org.dcom4j.com;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a COM interface and names its IID (MS-DCOM 1.3.1: an ORPC interface,
 * RPC version 0.0). The interface must extend {@link IUnknown}; each of its methods carries
 * {@link ComMethod}, declares {@code throws ComException}, and is marshalled with dcom4j-ndr:
 * the Java parameters are the [in] parameters, the return value the [out, retval], the HRESULT last.
 * A parameter or return value whose type is itself a {@code @ComInterface} interface is an interface
 * pointer ({@code [unique] MInterfacePointer*} holding an OBJREF).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ComInterface {
    /** The IID, e.g. {@code "00020400-0000-0000-c000-000000000046"}. */
    String value();
}
