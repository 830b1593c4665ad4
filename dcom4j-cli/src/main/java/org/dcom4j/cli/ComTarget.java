package org.dcom4j.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a COM client command activates: this machine over ncalrpc (default; the kernel names the
 * caller) or {@code --host H [--port P]} over TCP with NTLM ({@code --user}, privacy by default).
 */
final class ComTarget {
    @Option(names = "--host", paramLabel = "HOST", description = "Activate on this host over TCP (default: this machine over ncalrpc).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "135",
            description = "The remote rpcss's TCP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to connect and for each call (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Mixin
    AuthOptions auth;

    @Mixin
    RuntimeOption runtime;

    @Mixin
    StateOption state;

    boolean remote() {
        return host != null;
    }

    Duration timeout() {
        return RpcCallCommand.timeout(timeoutSeconds);
    }

    ClientAuth clientAuth() {
        return auth.auth(remote() ? AuthLevel.PKT_PRIVACY : AuthLevel.NONE);
    }

    Activator activator(ClientAuth clientAuth) {
        if (port < 1 || port > 0xFFFF) {
            throw CliException.badInput("--port out of range: " + port + ", allowed 1-65535");
        }
        Activator a = remote() ? Activator.remote(host, port, clientAuth) : Activator.local(runtime.dir());
        return a.withTimeouts(timeout(), timeout());
    }

    ComClient client(ClientAuth clientAuth) {
        return new ComClient(clientAuth, RpcClientConfig.defaults().withTimeouts(timeout(), timeout()).withRuntimeDir(runtime.dir()));
    }

    /** A CLSID in any GUID form, or a ProgID looked up in this machine's class registry. */
    UUID clsid(String text) {
        Optional<UUID> guid = ComClasses.parseGuid(text);
        if (guid.isPresent()) {
            return guid.get();
        }
        try (Registry r = Registry.open(state.dir())) {
            return ComClasses.clsidOfProgId(r, text.strip()).orElseThrow(() -> CliException.badInput("unknown class \"" + text
                    + "\": not a CLSID, and no ProgID of that name in " + state.dir() + " (./dcom4j class list)"));
        } catch (RuntimeException e) {
            if (e instanceof CliException c) {
                throw c;
            }
            throw CliException.badInput("cannot resolve the ProgID \"" + text + "\": " + e.getMessage() + " (give the CLSID)");
        }
    }

    /** A COM failure as a one-line error: exit 1 for a refusal or a COM error, 4 when the server cannot be reached. */
    CliException failure(String what, ComException e) {
        String where = remote() ? host + ":" + port : "ncalrpc in " + runtime.dir();
        String msg = what + " failed: " + Hresult.name(e.hresult()) + " (0x" + String.format("%08x", e.hresult()) + ") — "
                + e.getMessage();
        return e.hresult() == Hresult.RPC_S_SERVER_UNAVAILABLE
                ? CliException.environment(msg + " — is the daemon running at " + where + "? (./dcom4j daemon)")
                : CliException.denied(msg + (e.hresult() == Hresult.E_ACCESSDENIED ? " — ./dcom4j eventlog explains a denial when"
                + " CallFailureLoggingLevel is 1" : ""));
    }
}
