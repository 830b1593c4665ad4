package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.Named;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.security.Sddl;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Java object with annotated members, exported as IDispatch by a real ComServer (TCP, NTLM at privacy)
 * and called late bound by a ComClient through {@link Dispatcher}: the whole path of IDispatch's wire
 * form ([out] and [in,out] parameters, VARIANTs, EXCEPINFO) in both directions.
 */
class AutomationEndToEndTest {
    private static final String PASSWORD = "Passw0rd!";
    private static final Token ALICE = Token.of("DCOM4JTEST\\alice", Sid.of(5, 21, 1, 2, 3, 1000),
            List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));

    /** The object under test: public members of every kind. */
    public static final class Thing implements IUnknown {
        private volatile String label = "initial";

        @DispMethod(name = "Sum")
        public long sum(@Named("a") int a, @Named("b") long b) {
            return a + b;
        }

        @DispMethod(name = "Echo")
        public Variant echo(Variant v) {
            return v;
        }

        @DispMethod(name = "Boom")
        public void boom(String why) throws ComException {
            throw new ComException(Hresult.E_INVALIDARG, why);
        }

        @DispMethod(name = "Child")
        public Thing child() {
            Thing t = new Thing();
            t.label = "child of " + label;
            return t;
        }

        @DispMethod(name = "KindOf")
        public String kindOf(IUnknown o) {
            return o instanceof org.dcom4j.com.ComProxy ? "proxy" : o == null ? "null" : o.getClass().getSimpleName();
        }

        @DispMethod(name = "Keep")
        public int keep(@Named("peer") IDispatch peer, @Named("n") int n) {
            return n;
        }

        @DispProperty(name = "Label")
        public String getLabel() {
            return label;
        }

        @DispProperty(name = "Label")
        public void setLabel(String l) {
            label = l;
        }
    }

    private ComServer server;
    private ComClient client;
    private RpcSecurity security;

    @BeforeEach
    void start() throws Exception {
        byte[] hash = NtHash.of(PASSWORD.toCharArray());
        security = RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> user.equalsIgnoreCase("alice")
                        ? Optional.of(new NtlmAccount("alice", hash, ALICE)) : Optional.empty());
        ClientAuth alice = ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, NtlmCredentials.of("", "alice", PASSWORD.toCharArray()));
        RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
        server = ComServer.builder().rpcSecurity(security)
                .initializeSecurity(Sddl.parse("O:BAG:BAD:(A;;CCDCLC;;;AU)"), AuthLevel.PKT_INTEGRITY)
                .callbackAuth(alice, config)
                .tcp(InetAddress.getLoopbackAddress()).start();
        client = new ComClient(alice, config);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private Dispatcher thing() throws ComException {
        return new Dispatcher(client.unmarshal(server.export(new Thing(), IDispatch.class), IDispatch.class));
    }

    @Test
    void callsAMethodConvertingArgumentsAndResult() throws Exception {
        assertEquals(Variant.i8(5), thing().call("sum", 2, Variant.r8(3.0)));
    }

    @Test
    void echoesEveryKindOfVariantUnchanged() throws Exception {
        Dispatcher d = thing();
        List<Variant> values = List.of(Variant.empty(), Variant.nullValue(), Variant.i1((byte) -2), Variant.i2((short) -300),
                Variant.i4(-70000), Variant.i8(1L << 40), new Variant(VarType.VT_UI1, (byte) 200),
                new Variant(VarType.VT_UI2, (short) 60000), new Variant(VarType.VT_UI4, -5), new Variant(VarType.VT_UI8, -1L),
                new Variant(VarType.VT_INT, 9), new Variant(VarType.VT_UINT, 10), Variant.r4(1.5f), Variant.r8(-2.25),
                new Variant(VarType.VT_CY, 123456L), new Variant(VarType.VT_DATE, 45000.5), Variant.bstr("h\u00e9llo"),
                new Variant(VarType.VT_ERROR, Hresult.DISP_E_PARAMNOTFOUND), Variant.bool(true),
                Variant.decimal(new BigDecimal("-123.45")),
                new Variant(VarType.VT_BYREF | VarType.VT_VARIANT, Variant.i4(77)),
                new Variant(VarType.VT_BYREF | VarType.VT_I4, 99),
                new Variant(VarType.VT_ARRAY | VarType.VT_I4, SafeArray.of(VarType.VT_I4, 1, 2, 3)),
                new Variant(VarType.VT_ARRAY | VarType.VT_BSTR, SafeArray.of(VarType.VT_BSTR, "a", "b")),
                new Variant(VarType.VT_ARRAY | VarType.VT_VARIANT, SafeArray.of(VarType.VT_VARIANT, Variant.i4(1), Variant.bstr("x"))),
                new Variant(VarType.VT_ARRAY | VarType.VT_R8, new SafeArray(VarType.VT_R8,
                        List.of(new SafeArray.Bound(1, 2), new SafeArray.Bound(0, 3)), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0))));
        for (Variant v : values) {
            assertEquals(v, d.call("echo", v), VarType.name(v.vt()));
        }
    }

    @Test
    void aJavaExceptionIsDispExceptionWithItsMessage() throws Exception {
        DispatchException e = assertThrows(DispatchException.class, () -> thing().call("Boom", "no reason"));
        assertEquals(Hresult.DISP_E_EXCEPTION, e.hresult());
        assertEquals(Hresult.E_INVALIDARG, e.scode());
        assertEquals("no reason", e.exceptionDescription());
        assertEquals("Thing", e.source());
    }

    @Test
    void getsAndPutsAProperty() throws Exception {
        Dispatcher d = thing();
        assertEquals(Variant.bstr("initial"), d.get("label"));
        d.put("LABEL", "changed");
        assertEquals(Variant.bstr("changed"), d.get("Label"));
    }

    @Test
    void anUnknownNameIsDispEUnknownName() throws Exception {
        assertEquals(Hresult.DISP_E_UNKNOWNNAME, assertThrows(ComException.class, () -> thing().dispId("Nope")).hresult());
    }

    @Test
    void aTypeMismatchNamesTheArgument() throws Exception {
        DispatchException e = assertThrows(DispatchException.class, () -> thing().call("sum", "x", 1));
        assertEquals(Hresult.DISP_E_TYPEMISMATCH, e.hresult());
        assertEquals(1, e.argErr(), "rgvarg is right to left: the first argument is index 1 of 2");
    }

    @Test
    void aWrongArgumentCountIsBadParamCount() throws Exception {
        assertEquals(Hresult.DISP_E_BADPARAMCOUNT, assertThrows(DispatchException.class, () -> thing().call("sum", 1, 2, 3)).hresult());
        assertEquals(Hresult.DISP_E_PARAMNOTOPTIONAL, assertThrows(DispatchException.class, () -> thing().call("sum", 1)).hresult());
    }

    @Test
    void anObjectResultIsAnInterfacePointerTheClientCanCall() throws Exception {
        Variant child = thing().call("Child");
        assertEquals(VarType.VT_DISPATCH, child.vt());
        IDispatch proxy = client.unmarshal(Dispatcher.objRef(child), IDispatch.class);
        assertEquals(Variant.bstr("child of initial"), new Dispatcher(proxy).get("Label"));
    }

    @Test
    void anInterfacePointerArgumentIsReleasedWhenALaterArgumentDoesNotConvert() throws Exception {
        try (ComServer callbacks = ComServer.builder().rpcSecurity(security)
                .initializeSecurity(Sddl.parse("O:BAG:BAD:(A;;CCDCLC;;;AU)"), AuthLevel.PKT_INTEGRITY)
                .tcp(InetAddress.getLoopbackAddress()).start()) {
            Variant peer = Variant.dispatch(Orpc.MInterfacePointer.of(ObjRefCodec.encode(callbacks.export(new Thing(), IDispatch.class))));
            assertEquals(1, callbacks.exportedObjects());
            DispatchException e = assertThrows(DispatchException.class, () -> thing().call("Keep", peer, "not a number"));
            assertEquals(Hresult.DISP_E_TYPEMISMATCH, e.hresult());
            assertEquals(0, e.argErr(), "peer (rgvarg[1]) converted; n (rgvarg[0]) did not");
            assertEquals(0, callbacks.exportedObjects(), "the server's proxy for peer gave its references back");
        }
    }

    /** A VT_UNKNOWN reaches an IUnknown parameter (not DISP_E_TYPEMISMATCH); the server's own object arrives as itself. */
    @Test
    void aVtUnknownReachesAnIUnknownParameter() throws Exception {
        org.dcom4j.com.wire.ObjRef ref = server.export(new Thing(), IUnknown.class);
        Variant unk = Variant.unknown(org.dcom4j.com.wire.Orpc.MInterfacePointer.of(org.dcom4j.com.wire.ObjRefCodec.encode(ref)));
        assertEquals(Variant.bstr("Thing"), thing().call("KindOf", unk));
    }
}
