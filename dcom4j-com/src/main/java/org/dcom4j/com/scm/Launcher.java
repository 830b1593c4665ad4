package org.dcom4j.com.scm;

import java.util.UUID;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.rpc.InterfaceId;

/**
 * IDcom4jLauncher: the launcher's only interface (the seed's DCOMLaunch). rpcss asks it to start the
 * local server of a class; the launcher reads the command (LocalServer32) and the identity (the
 * AppID's RunAs) from the config store itself — rpcss names only the CLSID, so a compromised rpcss
 * cannot make it run anything else — starts the process (as RunAs when the launcher is root, else as
 * its own user) and answers with its pid. rpcss then waits for the server's RegisterServer
 * (timeout → CO_E_SERVER_EXEC_FAILURE), and on that timeout asks it to Abandon the process: the
 * launcher terminates it only if it started that pid and it still runs. Served over a private AF_UNIX
 * socket; only rpcss's uid may call.
 */
public final class Launcher {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("5f1d0c2a-6b1e-4c83-9a44-d4c0de4a0003"), 1, 0);
    public static final String NCALRPC_ENDPOINT = "dcom4j-launcher";
    public static final int LAUNCH = 0;
    public static final int ABANDON = 1;
    public static final int OPERATION_COUNT = 2;

    private Launcher() {
    }

    /** Launch [in]: the class whose LocalServer32 to start. */
    @NdrParameters
    public record LaunchRequest(UUID clsid) {
    }

    /**
     * Launch [out]: the pid started, the account it runs as (for logs), and an HRESULT
     * (REGDB_E_CLASSNOTREG: no such class or no LocalServer32; CO_E_SERVER_EXEC_FAILURE: it could not
     * be started; E_ACCESSDENIED: the caller is not rpcss).
     */
    @NdrParameters
    public record LaunchResponse(int pid, @NdrString String account, int hresult) {
    }

    /** Abandon [in]: the pid a Launch answered, whose server did not register in time. */
    @NdrParameters
    public record AbandonRequest(int pid) {
    }

    /**
     * Abandon [out]: S_OK (SIGTERM sent to it and its descendants, SIGKILL follows after a grace) or
     * E_INVALIDARG (not a server this launcher started that still runs: nothing is signalled);
     * E_ACCESSDENIED: the caller is not rpcss.
     */
    @NdrParameters
    public record AbandonResponse(int hresult) {
    }
}
