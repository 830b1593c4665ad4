package org.dcom4j.com;

/** The test interface: HRESULT Add([in] long a, [in] long b, [out, retval] long*) and friends. */
@ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee00001")
public interface ICalculator extends IUnknown {
    @ComMethod(opnum = 3)
    int add(int a, int b) throws ComException;

    /** The server calls {@code peer.add(a, b)} back and returns its answer. */
    @ComMethod(opnum = 4)
    int callMeBack(ICalculator peer, int a, int b) throws ComException;

    /** Throws {@code ComException(hresult)}, or a RuntimeException when hresult is 0. */
    @ComMethod(opnum = 5)
    void fail(int hresult) throws ComException;

    /** A new object, returned as an [out, retval] interface pointer. */
    @ComMethod(opnum = 6)
    ICalculator fork() throws ComException;
}
