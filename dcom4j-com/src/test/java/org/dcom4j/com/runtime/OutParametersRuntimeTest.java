package org.dcom4j.com.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
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
 * [out] and [in, out] parameters through a real ComServer and ComClient over ncacn_ip_tcp (NTLM,
 * packet integrity): several [out]s, an [out] array sized by an [in], [in, out] records and lists,
 * NULL unique pointers, [out]s of a failed call, [out] interface pointers.
 */
class OutParametersRuntimeTest {
    private static final String PASSWORD = "Passw0rd!";
    private static final Token ALICE = Token.of("DCOM4JTEST\\alice", Sid.of(5, 21, 1, 2, 3, 1000),
            List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));

    private ComServer server;
    private ComClient client;
    private IHolders holders;

    @BeforeEach
    void start() throws IOException, ComException {
        byte[] hash = NtHash.of(PASSWORD.toCharArray());
        RpcSecurity security = RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> user.equalsIgnoreCase("alice")
                        ? Optional.of(new NtlmAccount("alice", hash, ALICE)) : Optional.empty());
        server = ComServer.builder()
                .rpcSecurity(security)
                .initializeSecurity(Sddl.parse("O:BAG:BAD:(A;;CCDCLC;;;AU)"), AuthLevel.PKT_INTEGRITY)
                .tcp(InetAddress.getLoopbackAddress())
                .start();
        client = new ComClient(ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "alice", PASSWORD.toCharArray())),
                RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        holders = client.unmarshal(server.export(new Holders(), IHolders.class), IHolders.class);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void returnsTwoOutIntegers() throws Exception {
        Out<Integer> quotient = new Out<>();
        Out<Integer> remainder = new Out<>(-1);
        holders.divide(17, 5, quotient, remainder);
        assertEquals(3, quotient.get());
        assertEquals(2, remainder.get());
    }

    @Test
    void returnsAnOutArraySizedByAnInParameter() throws Exception {
        Out<int[]> squares = new Out<>();
        holders.squares(5, squares);
        assertArrayEquals(new int[] {0, 1, 4, 9, 16}, squares.get());
        holders.squares(0, squares);
        assertArrayEquals(new int[0], squares.get());
    }

    @Test
    void sendsAndReceivesInOutRecordsAndListsOfUniquePointers() throws Exception {
        InOut<IHolders.Point> origin = new InOut<>(new IHolders.Point(10, 20));
        InOut<List<IHolders.Point>> points = new InOut<>(Arrays.asList(new IHolders.Point(1, 2), null, new IHolders.Point(3, 4)));
        assertEquals(2, holders.shift(origin, 3, points), "the server saw the two non-null points sent");
        assertEquals(new IHolders.Point(11, 21), origin.get());
        assertEquals(Arrays.asList(new IHolders.Point(2, 3), null, new IHolders.Point(4, 5)), points.get());
    }

    @Test
    void refusesAnInOutListWhoseLengthDisagreesWithItsCount() {
        InOut<IHolders.Point> origin = new InOut<>(new IHolders.Point(0, 0));
        InOut<List<IHolders.Point>> points = new InOut<>(List.of(new IHolders.Point(1, 2)));
        assertThrows(ComException.class, () -> holders.shift(origin, 2, points));
        assertEquals(List.of(new IHolders.Point(1, 2)), points.get(), "nothing was sent, the holder is untouched");
    }

    @Test
    void leavesAnOutUniquePointerTheServerDidNotSetNull() throws Exception {
        Out<IHolders.Point> none = new Out<>(new IHolders.Point(1, 1));
        holders.nothing(none);
        assertNull(none.get());
    }

    @Test
    void failingCallStillDeliversItsOutParametersWithTheHresult() {
        Out<IHolders.Fault> info = new Out<>();
        Out<Integer> argErr = new Out<>();
        ComException e = assertThrows(ComException.class, () -> holders.fail(info, argErr));
        assertEquals(IHolders.DISP_E_EXCEPTION, e.hresult());
        assertEquals(new IHolders.Fault((short) 1001, "Holders", 0x80004005), info.get());
        assertEquals(2, argErr.get());
    }

    @Test
    void failingCallWhoseOutsCannotBeEncodedBecomesAFaultWithItsHresult() {
        Out<IHolders.Fault> info = new Out<>(new IHolders.Fault((short) 1, null, 1));
        ComException e = assertThrows(ComException.class, () -> holders.failBare(info));
        assertEquals(IHolders.DISP_E_EXCEPTION, e.hresult());
        assertEquals(new IHolders.Fault((short) 1, null, 1), info.get(), "a fault has no [out]s: the holder is untouched");
    }

    @Test
    void returnsAnOutInterfacePointer() throws Exception {
        Out<IHolders> child = new Out<>();
        holders.child(child);
        IHolders c = child.get();
        assertInstanceOf(ComProxy.class, c);
        Out<Integer> quotient = new Out<>();
        c.divide(9, 3, quotient, new Out<>());
        assertEquals(3, quotient.get());
    }

    @Test
    void passesAnInOutInterfacePointerBothWays() throws Exception {
        InOut<IHolders> pointer = new InOut<>();
        holders.swap(pointer);
        Out<Integer> quotient = new Out<>();
        pointer.get().divide(8, 2, quotient, new Out<>());
        assertEquals(4, quotient.get());
        holders.swap(pointer);
        assertNull(pointer.get());
    }

    @Test
    void failingCallReturnsANullOutInterfacePointer() {
        Out<IHolders> child = new Out<>();
        ComException e = assertThrows(ComException.class, () -> holders.childThenFail(child));
        assertEquals(IHolders.DISP_E_EXCEPTION, e.hresult());
        assertNull(child.get(), "nothing is exported for a failed call");
    }

    @Test
    void aMethodMarshalsAnInterfacePointerThroughItsCallersMarshaler() throws Exception {
        Orpc.MInterfacePointer mip = holders.marshalHere();
        IHolders c = client.unmarshal(ObjRefCodec.decode(mip.abData()), IHolders.class);
        Out<Integer> remainder = new Out<>();
        c.divide(7, 4, new Out<>(), remainder);
        assertEquals(3, remainder.get());
    }
}
