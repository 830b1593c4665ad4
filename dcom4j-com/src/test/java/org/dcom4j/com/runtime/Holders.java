package org.dcom4j.com.runtime;

import java.util.ArrayList;
import java.util.List;
import org.dcom4j.com.ComException;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.wire.Orpc;

/** The test implementation of {@link IHolders}. */
final class Holders implements IHolders {
    @Override
    public void divide(int a, int b, Out<Integer> quotient, Out<Integer> remainder) {
        quotient.set(a / b);
        remainder.set(a % b);
    }

    @Override
    public void squares(int count, Out<int[]> squares) {
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            s[i] = i * i;
        }
        squares.set(s);
    }

    @Override
    public int shift(InOut<Point> origin, int count, InOut<List<Point>> points) {
        origin.set(new Point(origin.get().x() + 1, origin.get().y() + 1));
        List<Point> moved = new ArrayList<>();
        int n = 0;
        for (Point p : points.get()) {
            moved.add(p == null ? null : new Point(p.x() + 1, p.y() + 1));
            n += p == null ? 0 : 1;
        }
        points.set(moved);
        return n;
    }

    @Override
    public void nothing(Out<Point> none) {
    }

    @Override
    public int fail(Out<Fault> info, Out<Integer> argErr) throws ComException {
        info.set(new Fault((short) 1001, "Holders", 0x80004005));
        argErr.set(2);
        throw new ComException(DISP_E_EXCEPTION, "the method raised an exception");
    }

    @Override
    public void child(Out<IHolders> child) {
        child.set(new Holders());
    }

    @Override
    public Orpc.MInterfacePointer marshalHere() throws ComException {
        return OrpcDispatcher.CALLER.get().marshaler().marshal(new Holders(), IHolders.class);
    }

    @Override
    public void childThenFail(Out<IHolders> child) throws ComException {
        child.set(new Holders());
        throw new ComException(DISP_E_EXCEPTION, "failed after setting its [out] pointer");
    }

    @Override
    public void failBare(Out<Fault> info) throws ComException {
        throw new ComException(DISP_E_EXCEPTION, "failed without its EXCEPINFO");
    }

    @Override
    public void swap(InOut<IHolders> pointer) {
        pointer.set(pointer.get() == null ? new Holders() : null);
    }
}
