package org.dcom4j.com;

/** The test implementation of {@link ICalculator} and {@link IDoubler}. */
public class Calculator implements ICalculator, IDoubler {
    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public int callMeBack(ICalculator peer, int a, int b) throws ComException {
        return peer.add(a, b) * 10;
    }

    @Override
    public void fail(int hresult) throws ComException {
        if (hresult == 0) {
            throw new IllegalStateException("a bug in the object");
        }
        throw new ComException(hresult, "asked to fail");
    }

    @Override
    public ICalculator fork() {
        return new Calculator();
    }

    @Override
    public long twice(long x) {
        return 2 * x;
    }
}
