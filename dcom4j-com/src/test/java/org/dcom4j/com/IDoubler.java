package org.dcom4j.com;

/** A second interface of the calculator object, for queryInterface. */
@ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee00002")
public interface IDoubler extends IUnknown {
    @ComMethod(opnum = 3)
    long twice(long x) throws ComException;
}
