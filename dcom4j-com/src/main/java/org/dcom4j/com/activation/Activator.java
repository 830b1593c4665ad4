package org.dcom4j.com.activation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.Activation.ActivationResponse;
import org.dcom4j.com.wire.Activation.RemoteCreateInstanceRequest;
import org.dcom4j.com.wire.Activation.RemoteGetClassObjectRequest;
import org.dcom4j.com.wire.ActivationProperties;
import org.dcom4j.com.wire.ActivationPropertiesIn;
import org.dcom4j.com.wire.ActivationPropertiesOut;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.com.wire.WireFormatException;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.client.RpcProtocolException;

/**
 * The client side of activation (CoCreateInstanceEx's and CoGetClassObject's wire part):
 * IRemoteSCMActivator::RemoteCreateInstance (MS-DCOM 3.1.2.5.2.3.3) and RemoteGetClassObject (3.1.2.5.2.3.2) against a machine's SCM — remotely on {@code ncacn_ip_tcp} port 135 (or a
 * given port) with the caller's {@link ClientAuth}, or locally on {@code ncalrpc:[epmapper]} in a
 * runtime directory, where the kernel names the caller.
 *
 * <pre>{@code
 * ActivationResult r = Activator.remote("server1", ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, creds))
 *         .createInstance(clsid, List.of(Iids.IID_IUnknown));
 * ActivationResult l = Activator.local(runtimeDir).createInstance(clsid, List.of(Iids.IID_IUnknown));
 * }</pre>
 * Every failure is a {@link ComException}: the SCM's HRESULT (E_ACCESSDENIED, REGDB_E_CLASSNOTREG,
 * CO_E_SERVER_EXEC_FAILURE, …), RPC_S_SERVER_UNAVAILABLE when the SCM cannot be reached, E_ACCESSDENIED
 * for an RPC access-denied fault, RPC_E_INVALID_HEADER-class errors for a reply that does not decode.
 * One connection per activation. Immutable, thread-safe.
 */
public final class Activator {
    public static final int SCM_PORT = 135;
    public static final String SCM_NCALRPC = "epmapper";
    /** RPC_C_IMP_LEVEL_IDENTIFY, what CoCreateInstanceEx sends by default. */
    static final int IMP_LEVEL_IDENTIFY = 2;

    private final String binding;
    private final String serverName;
    private final ClientAuth auth;
    private final RpcClientConfig config;
    private final short[] protseqs;

    private Activator(String binding, String serverName, ClientAuth auth, RpcClientConfig config, short[] protseqs) {
        this.binding = binding;
        this.serverName = serverName;
        this.auth = auth;
        this.config = config;
        this.protseqs = protseqs;
    }

    /** The SCM of {@code host} on TCP port 135. */
    public static Activator remote(String host, ClientAuth auth) {
        return remote(host, SCM_PORT, auth);
    }

    /** The SCM of {@code host} on TCP {@code port}. */
    public static Activator remote(String host, int port, ClientAuth auth) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port=" + port + ", limit=1..65535");
        }
        return new Activator("ncacn_ip_tcp:" + host + "[" + port + "]", host, auth, RpcClientConfig.defaults(),
                new short[] {(short) DualStringArray.NCACN_IP_TCP});
    }

    /** This machine's SCM on ncalrpc:[epmapper] in {@code runtimeDir} (Local: the kernel names the caller). */
    public static Activator local(Path runtimeDir) {
        return new Activator("ncalrpc:[" + SCM_NCALRPC + "]", null, ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(runtimeDir),
                new short[] {(short) DualStringArray.NCALRPC, (short) DualStringArray.NCACN_IP_TCP});
    }

    /** This activator with other connect and call timeouts. */
    public Activator withTimeouts(Duration connect, Duration call) {
        return new Activator(binding, serverName, auth, config.withTimeouts(connect, call), protseqs);
    }

    /**
     * Activates {@code clsid} asking for {@code iids} (1 to {@link Activation#MAX_REQUESTED_INTERFACES}).
     *
     * @throws ComException the SCM's failure HRESULT, or a transport/protocol failure mapped to one
     */
    public ActivationResult createInstance(UUID clsid, List<UUID> iids) throws ComException {
        Objects.requireNonNull(clsid, "clsid");
        if (iids.isEmpty() || iids.size() > Activation.MAX_REQUESTED_INTERFACES) {
            throw new IllegalArgumentException("iids=" + iids.size() + ", limit=1.." + Activation.MAX_REQUESTED_INTERFACES);
        }
        return activate(Activation.REMOTE_CREATE_INSTANCE, clsid, iids);
    }

    /**
     * IRemoteSCMActivator::RemoteGetClassObject (MS-DCOM 3.1.2.5.2.3.2): the class object of {@code clsid}
     * for {@code iid} (usually {@link org.dcom4j.com.Iids#IID_IClassFactory}), the result's one interface
     * pointer. The SCM decides Activate (and Launch when it must start the server) as for createInstance.
     *
     * @throws ComException the SCM's failure HRESULT (E_ACCESSDENIED, REGDB_E_CLASSNOTREG, E_NOINTERFACE, …),
     *                      or a transport/protocol failure mapped to one
     */
    public ActivationResult getClassObject(UUID clsid, UUID iid) throws ComException {
        Objects.requireNonNull(clsid, "clsid");
        return activate(Activation.REMOTE_GET_CLASS_OBJECT, clsid, List.of(Objects.requireNonNull(iid, "iid")));
    }

    private ActivationResult activate(int opnum, UUID clsid, List<UUID> iids) throws ComException {
        String op = opnum == Activation.REMOTE_CREATE_INSTANCE ? "RemoteCreateInstance" : "RemoteGetClassObject";
        MInterfacePointer props = MInterfacePointer.of(ActivationProperties.encodeIn(
                ActivationPropertiesIn.of(clsid, iids, serverName, IMP_LEVEL_IDENTIFY, protseqs)));
        OrpcThis orpcThis = OrpcThis.of(UUID.randomUUID());
        Record req = opnum == Activation.REMOTE_CREATE_INSTANCE ? new RemoteCreateInstanceRequest(orpcThis, null, props)
                : new RemoteGetClassObjectRequest(orpcThis, props);
        ActivationResponse resp;
        try (RpcBinding b = new RpcClient(config).bind(binding, Activation.IREMOTE_SCM_ACTIVATOR, auth)) {
            resp = b.call(opnum, req, ActivationResponse.class);
        } catch (RpcCallException e) {
            int st = e.status();
            int hr = st == 5 ? Hresult.E_ACCESSDENIED : (st & 0xFFFF0000) == 0 ? Hresult.fromWin32(st) : st;
            throw new ComException(hr, op + " on " + binding + ": " + e.getMessage(), e);
        } catch (RpcProtocolException e) {
            throw new ComException(Hresult.RPC_E_INVALID_HEADER, op + " reply from " + binding + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "cannot reach the SCM at " + binding + ": " + e.getMessage(), e);
        }
        if (Hresult.isFailure(resp.errorCode())) {
            throw new ComException(resp.errorCode(), "activation of " + clsid + " on " + binding + " failed");
        }
        if (resp.ppActProperties() == null) {
            throw new ComException(Hresult.E_UNEXPECTED, op + " answered S_OK without activation properties");
        }
        try {
            ActivationPropertiesOut out = ActivationProperties.decodeOut(resp.ppActProperties().abData());
            List<UUID> got = out.iids();
            int[] hrs = out.hresults();
            if (got.size() != iids.size() || hrs.length != iids.size()) {
                throw new ComException(Hresult.E_UNEXPECTED, "PropsOutInfo.cIfs=" + got.size() + ", expected=" + iids.size());
            }
            List<ObjRef> refs = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < hrs.length; i++) {
                ObjRef r = Hresult.isFailure(hrs[i]) ? null : out.objRef(i);
                any |= r != null;
                refs.add(r);
            }
            if (!any) {
                throw new ComException(hrs[0], "no requested interface is supported by " + clsid);
            }
            return new ActivationResult(resp.errorCode(), out.oxid(), out.oxidBindings(), out.ipidRemUnknown(),
                    out.remoteReply().authnHint(), got, hrs, refs);
        } catch (WireFormatException | IllegalArgumentException e) {
            throw new ComException(Hresult.RPC_E_INVALID_HEADER, "activation properties from " + binding + ": " + e.getMessage(), e);
        }
    }
}
