package org.dcom4j.com.runtime;

import java.util.List;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;

/** The test interface of [out] and [in, out] parameters. */
@ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b1")
public interface IHolders extends IUnknown {
    /** DISP_E_EXCEPTION (MS-OAUT 2.2.1 / winerror.h). */
    int DISP_E_EXCEPTION = 0x80020009;

    record Point(int x, int y) {
    }

    /** A stand-in for EXCEPINFO: a code, a unique string, an scode. */
    record Fault(short wCode, @Unique @NdrString String source, int scode) {
    }

    /** HRESULT Divide([in] long a, [in] long b, [out] long* quotient, [out] long* remainder). */
    @ComMethod(opnum = 3)
    void divide(int a, int b, Out<Integer> quotient, Out<Integer> remainder) throws ComException;

    /** HRESULT Squares([in] long count, [out, size_is(count)] long* squares). */
    @ComMethod(opnum = 4)
    void squares(int count, @SizeIs("count") Out<int[]> squares) throws ComException;

    /**
     * HRESULT Shift([in, out] Point* origin, [in] long count, [in, out, size_is(count)] Point** points,
     * [out, retval] long* moved): moves the origin and every point by (1, 1); null points stay null.
     */
    @ComMethod(opnum = 5)
    int shift(InOut<Point> origin, int count, @SizeIs("count") InOut<List<@Unique Point>> points) throws ComException;

    /** HRESULT Nothing([out] Point** none): leaves it NULL. */
    @ComMethod(opnum = 6)
    void nothing(Out<@Unique Point> none) throws ComException;

    /** Sets both [out] parameters, then fails with DISP_E_EXCEPTION. */
    @ComMethod(opnum = 7)
    int fail(Out<Fault> info, Out<Integer> argErr) throws ComException;

    /** A new object as an [out] interface pointer. */
    @ComMethod(opnum = 8)
    void child(Out<IHolders> child) throws ComException;

    /** A new object, marshalled by the method itself through {@link OrpcDispatcher.Caller#marshaler()}. */
    @ComMethod(opnum = 9)
    Orpc.@Unique MInterfacePointer marshalHere() throws ComException;

    /** Sets an [out] interface pointer, then fails: the caller gets NULL. */
    @ComMethod(opnum = 10)
    void childThenFail(Out<IHolders> child) throws ComException;

    /** Fails with DISP_E_EXCEPTION leaving its [out] record null, which NDR cannot carry: a fault. */
    @ComMethod(opnum = 11)
    void failBare(Out<Fault> info) throws ComException;

    /** [in, out] IHolders**: a NULL pointer comes back as a new object, an object comes back NULL. */
    @ComMethod(opnum = 12)
    void swap(InOut<IHolders> pointer) throws ComException;
}
