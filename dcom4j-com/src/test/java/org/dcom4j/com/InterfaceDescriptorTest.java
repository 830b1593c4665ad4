package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Unique;
import org.junit.jupiter.api.Test;

/** Method tables: derivation, caching, the wire form of a call, and every refusal. */
class InterfaceDescriptorTest {
    @NdrParameters
    record CallMeBackRequest(Orpc.OrpcThis orpcThis, Orpc.@Unique MInterfacePointer peer, int a, int b) {
    }

    @NdrParameters
    record ForkResponse(Orpc.OrpcThat orpcThat, Orpc.@Unique MInterfacePointer retval, int hresult) {
    }

    @Test
    void derivesOneCodecPairPerMethodAndCachesThem() {
        InterfaceDescriptor d = InterfaceDescriptor.of(ICalculator.class);
        assertSame(d, InterfaceDescriptor.of(ICalculator.class));
        assertEquals(UUID.fromString("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee00001"), d.iid());
        assertEquals(7, d.operationCount());
        assertEquals(null, d.method(2));
        assertEquals("add", d.method(3).method().getName());
        assertEquals(ICalculator.class, d.method(4).pointerParams().get(0));
        assertEquals(ICalculator.class, d.method(6).pointerReturn());
    }

    @Test
    void marshalsInterfacePointersAsUniqueMInterfacePointers() {
        InterfaceDescriptor d = InterfaceDescriptor.of(ICalculator.class);
        Orpc.OrpcThis t = Orpc.OrpcThis.of(UUID.fromString("11111111-2222-3333-4444-555555555555"));
        Orpc.MInterfacePointer mip = Orpc.MInterfacePointer.of(new byte[] {1, 2, 3, 4, 5});
        assertArrayEquals(NdrCodec.of(CallMeBackRequest.class).encode(new CallMeBackRequest(t, mip, 7, 8)),
                d.method(4).request().encode(t, mip, 7, 8));
        assertArrayEquals(NdrCodec.of(CallMeBackRequest.class).encode(new CallMeBackRequest(t, null, 7, 8)),
                d.method(4).request().encode(t, null, 7, 8));
        assertArrayEquals(NdrCodec.of(ForkResponse.class).encode(new ForkResponse(Orpc.OrpcThat.EMPTY, mip, 0)),
                d.method(6).response().encode(Orpc.OrpcThat.EMPTY, mip, 0));
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a1")
    interface NoOpnum extends IUnknown {
        int f() throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a2")
    interface IUnknownsOpnum extends IUnknown {
        @ComMethod(opnum = 2)
        int f() throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a3")
    interface SameOpnum extends IUnknown {
        @ComMethod(opnum = 3)
        int f() throws ComException;

        @ComMethod(opnum = 3)
        int g() throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a4")
    interface NoThrows extends IUnknown {
        @ComMethod(opnum = 3)
        int f();
    }

    @ComInterface("not-a-uuid")
    interface BadIid extends IUnknown {
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a5")
    interface NotIUnknown {
    }

    interface NotAnnotated extends IUnknown {
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000a6")
    interface NotNdr extends IUnknown {
        @ComMethod(opnum = 3)
        int f(Thread t) throws ComException;
    }

    @Test
    void refusesInterfacesItCannotDescribe() {
        for (var c : List.of(NoOpnum.class, IUnknownsOpnum.class, SameOpnum.class, NoThrows.class, BadIid.class, NotIUnknown.class,
                NotAnnotated.class, NotNdr.class)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InterfaceDescriptor.of(c), c.getSimpleName());
            assertTrue(e.getMessage().contains(c.getSimpleName()), e.getMessage());
        }
    }
}
