package org.dcom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.EndpointResolver;
import org.dcom4j.rpc.client.EptMapResolver;
import org.dcom4j.rpc.client.RpcBindException;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.client.StringBinding;
import org.dcom4j.rpc.client.StringBindingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j rpc call}: one raw request, printed as {@code ../shared/interop/dcerpc_call.py} prints
 * it — {@code RESPONSE <hex>} (exit 0), {@code FAULT 0x%08x name} (exit 1), {@code BIND_REJECTED reason}
 * (exit 1). A binding without endpoint is resolved first with ept_map, so a failure says whether the
 * endpoint mapper or the server itself could not be reached.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one request with a raw NDR stub and print the response stub or the fault.",
            "Prints RESPONSE <hex> (exit 0), FAULT 0x<status> <name> (exit 1) or",
            "BIND_REJECTED <reason> (exit 1); unreachable: exit 4; bad input: exit 2."})
final class RpcCallCommand implements Callable<Integer> {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOption runtime;

    @Parameters(index = "0", paramLabel = "BINDING",
            description = {"A string binding: ncacn_ip_tcp:HOST[PORT], ncacn_ip_tcp:HOST (resolved by",
                "the endpoint mapper), ncalrpc:[NAME] or ncalrpc: (resolved)."})
    String binding;

    @Parameters(index = "1", paramLabel = "UUID", description = "The interface UUID.")
    String uuid;

    @Parameters(index = "2", paramLabel = "VERSION", description = "The interface version MAJOR.MINOR, e.g. 1.0.")
    String version;

    @Parameters(index = "3", paramLabel = "OPNUM", description = "The operation number (0-65535).")
    int opnum;

    @Parameters(index = "4", paramLabel = "HEXSTUB", description = "The NDR 2.0 little-endian request stub in hex ('' for none).")
    String hexStub;

    @Option(names = "--object", paramLabel = "UUID", description = "Send this object UUID with the request (PFC_OBJECT_UUID).")
    String object;

    @Option(names = "--epm-port", paramLabel = "PORT", defaultValue = "135",
            description = "The endpoint mapper's TCP port, for a binding without endpoint (default ${DEFAULT-VALUE}).")
    int epmPort;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
            description = "Seconds to connect and for the call (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Mixin
    AuthOptions authOptions;

    @Override
    public Integer call() {
        StringBinding target = parseBinding(binding);
        InterfaceId iface = new InterfaceId(uuid("UUID", uuid), major(version), minor(version));
        byte[] stub = stub(hexStub);
        if (object != null) {
            target = target.withObject(uuid("--object", object));
        }
        if (opnum < 0 || opnum > 0xFFFF) {
            throw CliException.badInput("OPNUM out of range: " + opnum + ", allowed 0-65535");
        }
        if (epmPort < 0 || epmPort > 0xFFFF) {
            throw CliException.badInput("--epm-port out of range: " + epmPort + ", allowed 0-65535");
        }
        Duration timeout = timeout(timeoutSeconds);
        RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(timeout, timeout).withRuntimeDir(runtime.dir());
        boolean local = target.protocolSequence().equals("ncalrpc");
        String host = target.networkAddress().isEmpty() ? "localhost" : target.networkAddress();
        String daemon = "is the daemon running? (./dcom4j daemon" + (local ? " --runtime " + runtime.dir() : "") + ")";
        if (!target.hasEndpoint()) {
            String epm = local ? "the endpoint mapper at ncalrpc:[epmapper] in " + runtime.dir()
                    : "the endpoint mapper at " + host + ":" + epmPort;
            try {
                target = target.withEndpoint(new EptMapResolver(config, String.valueOf(epmPort), "epmapper").resolve(target, iface));
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).startsWith("endpoint not registered")) {
                    throw CliException.denied(e.getMessage());
                }
                throw RpcFailures.of(e, epm, timeout, daemon + (local ? "" : "; on another port: --epm-port PORT"));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String where = local ? target + " in " + runtime.dir() : target.toString();
        ClientAuth auth = authOptions.auth(AuthLevel.NONE);
        try (RpcBinding b = new RpcClient(config, EndpointResolver.explicitOnly()).bind(target, iface, auth)) {
            byte[] response = b.call(opnum, stub);
            out.println("RESPONSE " + HexFormat.of().formatHex(response));
            return ExitCodes.OK;
        } catch (RpcCallException e) {
            out.println(String.format("FAULT 0x%08x %s", e.status(), RpcFailures.statusName(e.status())));
            return ExitCodes.DENIED;
        } catch (RpcBindException e) {
            out.println("BIND_REJECTED " + e.getMessage());
            return ExitCodes.DENIED;
        } catch (IOException e) {
            throw RpcFailures.of(e, where, timeout, daemon);
        }
    }

    private static StringBinding parseBinding(String text) {
        StringBinding b;
        try {
            b = StringBinding.parse(text);
        } catch (StringBindingException e) {
            throw CliException.badInput("bad BINDING: " + e.getMessage());
        }
        if (!b.protocolSequence().equals("ncacn_ip_tcp") && !b.protocolSequence().equals("ncalrpc")) {
            throw CliException.badInput("bad BINDING \"" + text + "\": protocol sequence " + b.protocolSequence()
                    + " is not supported (ncacn_ip_tcp, ncalrpc)");
        }
        return b;
    }

    static UUID uuid(String what, String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw CliException.badInput("bad " + what + " \"" + text + "\": expected 8-4-4-4-12 hex digits");
        }
        return UUID.fromString(text);
    }

    private static int major(String v) {
        return versionPart(v, 0);
    }

    private static int minor(String v) {
        return versionPart(v, 1);
    }

    private static int versionPart(String v, int index) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,5}") || !parts[1].matches("[0-9]{1,5}")
                || Integer.parseInt(parts[0]) > 0xFFFF || Integer.parseInt(parts[1]) > 0xFFFF) {
            throw CliException.badInput("bad VERSION \"" + v + "\": expected MAJOR.MINOR, each 0-65535 (e.g. 1.0)");
        }
        return Integer.parseInt(parts[index]);
    }

    private static byte[] stub(String hex) {
        String s = hex.strip();
        if (s.isEmpty()) {
            return new byte[0];
        }
        try {
            return Hex.parse(s);
        } catch (CliException e) {
            throw CliException.badInput("bad HEXSTUB: " + e.getMessage().replaceFirst("^bad hex: ", ""));
        }
    }

    /** {@code --timeout S} as a duration: positive, at most a day. */
    static Duration timeout(double seconds) {
        if (!(seconds > 0) || seconds > 86_400) {
            throw CliException.badInput("--timeout out of range: " + seconds + ", allowed more than 0 and at most 86400 seconds");
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
