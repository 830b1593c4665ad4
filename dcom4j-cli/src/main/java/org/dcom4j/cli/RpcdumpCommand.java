package org.dcom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.client.StringBinding;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.epm.TowerFormatException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dcom4j rpcdump}: every entry of an endpoint mapper, grouped by interface as impacket's
 * rpcdump prints them. ept_lookup (opnum 2) with inquiry_type RPC_C_EP_ALL_ELTS and vers_option
 * RPC_C_VERS_ALL, 500 entries a call, repeated with the returned lookup handle until the NULL
 * handle (status 0, as Windows ends) or ept_s_not_registered (nothing more; Samba sends it with its
 * last entries, which are kept); a handle left open by an error is freed.
 */
@Command(name = "rpcdump", mixinStandardHelpOptions = true,
        description = {"List the endpoints registered in an endpoint mapper (like impacket's rpcdump).",
            "Grouped by interface: UUID and version, a known name, each string binding",
            "and its annotation.",
            "HOST[:PORT] queries ncacn_ip_tcp (default port 135); --ncalrpc (or HOST 'local') queries",
            "ncalrpc:[epmapper] in the runtime directory.",
            "Exit 0 when the table was listed (even empty), 1 on a fault, 4 when unreachable."})
final class RpcdumpCommand implements Callable<Integer> {
    /** Entries asked for per ept_lookup call (what impacket asks for). */
    static final int MAX_ENTS = 500;
    /** A server handing out handles forever must not keep us looping. */
    private static final int MAX_CALLS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOption runtime;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST[:PORT]",
            description = "The endpoint mapper's host, and port (default 135); 'local' = --ncalrpc.")
    String target;

    @Option(names = "--ncalrpc", description = "Query ncalrpc:[epmapper] in --runtime DIR instead of TCP.")
    boolean ncalrpc;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to connect and for each call (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    private record Row(String binding, String annotation) {
    }

    @Override
    public Integer call() {
        Duration timeout = RpcCallCommand.timeout(timeoutSeconds);
        boolean local = ncalrpc || "local".equalsIgnoreCase(target);
        if (!local && target == null) {
            throw CliException.badInput("give HOST[:PORT] or --ncalrpc (see 'dcom4j rpcdump --help')");
        }
        StringBinding epm;
        String what;
        String anyAddress;
        if (local) {
            epm = StringBinding.of("ncalrpc", "", "epmapper");
            what = "the endpoint mapper at ncalrpc:[epmapper] in " + runtime.dir();
            anyAddress = "127.0.0.1";
        } else {
            String[] hostPort = hostPort(target);
            epm = StringBinding.of("ncacn_ip_tcp", hostPort[0], hostPort[1]);
            what = "the endpoint mapper at " + hostPort[0] + ":" + hostPort[1];
            anyAddress = hostPort[0];
        }
        RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(timeout, timeout).withRuntimeDir(runtime.dir());
        String hint = "is the daemon running? (./dcom4j daemon" + (local ? " --runtime " + runtime.dir() : "") + ")";
        List<Epm.EptEntry> entries;
        try (RpcBinding b = new RpcClient(config).bind(epm, Epm.INTERFACE)) {
            entries = lookupAll(b);
        } catch (IOException e) {
            throw RpcFailures.of(e, what, timeout, hint);
        }
        print(spec.commandLine().getOut(), epm, entries, anyAddress);
        return ExitCodes.OK;
    }

    /** HOST, HOST:PORT or [IPv6]:PORT → {host, port}. */
    static String[] hostPort(String target) {
        String host = target;
        String port = "135";
        int colon = target.lastIndexOf(':');
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0) {
                throw CliException.badInput("bad HOST[:PORT] \"" + target + "\": no closing ']'");
            }
            host = target.substring(1, close);
            if (close + 1 < target.length()) {
                if (target.charAt(close + 1) != ':') {
                    throw CliException.badInput("bad HOST[:PORT] \"" + target + "\": expected ':' after ']'");
                }
                port = target.substring(close + 2);
            }
        } else if (colon >= 0 && target.indexOf(':') == colon) {
            host = target.substring(0, colon);
            port = target.substring(colon + 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 0xFFFF) {
            throw CliException.badInput("bad HOST[:PORT] \"" + target + "\": expected a host and a port 0-65535");
        }
        return new String[] {host, port};
    }

    /** ept_lookup until the NULL handle; frees a handle left open when a call fails. */
    private static List<Epm.EptEntry> lookupAll(RpcBinding b) throws IOException {
        List<Epm.EptEntry> all = new ArrayList<>();
        ContextHandle handle = ContextHandle.NULL;
        try {
            for (int calls = 0; calls < MAX_CALLS; calls++) {
                Epm.EptLookupResponse r = b.call(Epm.EPT_LOOKUP, new Epm.EptLookupRequest(Epm.RPC_C_EP_ALL_ELTS, null, null,
                        Epm.RPC_C_VERS_ALL, handle, MAX_ENTS), Epm.EptLookupResponse.class);
                handle = r.entryHandle();
                if (r.status() != 0 && r.status() != Epm.EPT_S_NOT_REGISTERED) {
                    throw CliException.denied("ept_lookup answered status " + RpcFailures.statusName(r.status())
                            + String.format(" (0x%08x)", r.status()) + " after " + all.size() + " entries");
                }
                // Samba sends its last entries with ept_s_not_registered (Windows: status 0): keep them.
                all.addAll(r.entries());
                if (r.status() == Epm.EPT_S_NOT_REGISTERED || handle.isNull()) {
                    return all;
                }
            }
            throw new IOException("ept_lookup still returned a lookup handle after " + MAX_CALLS + " calls");
        } finally {
            if (!handle.isNull()) {
                try {
                    b.call(Epm.EPT_LOOKUP_HANDLE_FREE, new Epm.EptLookupHandleFreeRequest(handle), Epm.EptLookupHandleFreeResponse.class);
                } catch (IOException ignored) {
                    // the association closes next; the server drops the handle with it
                }
            }
        }
    }

    private static void print(PrintWriter out, StringBinding epm, List<Epm.EptEntry> entries, String anyAddress) {
        Map<String, List<Row>> byInterface = new LinkedHashMap<>();
        for (Epm.EptEntry e : entries) {
            String key;
            String binding;
            if (e.tower() == null) {
                key = "(no tower)";
                binding = "(no tower)";
            } else {
                try {
                    Tower t = Tower.decode(e.tower().towerOctetString());
                    InterfaceId id = t.interfaceId();
                    key = id.uuid() + " v" + id.major() + "." + id.minor();
                    binding = TowerText.binding(t, e.object(), anyAddress);
                } catch (TowerFormatException x) {
                    key = "(malformed tower)";
                    binding = "(malformed tower: " + x.getMessage() + ")";
                }
            }
            byInterface.computeIfAbsent(key, k -> new ArrayList<>()).add(new Row(binding, e.annotation() == null ? "" : e.annotation()));
        }
        out.println("Endpoint mapper: " + epm);
        for (Map.Entry<String, List<Row>> g : byInterface.entrySet()) {
            List<Row> rows = g.getValue();
            boolean oneAnnotation = rows.stream().map(Row::annotation).distinct().count() == 1;
            out.println();
            out.println("Protocol:   " + protocol(g.getKey()));
            out.println("UUID:       " + g.getKey());
            if (oneAnnotation) {
                out.println("Annotation: " + annotation(rows.get(0).annotation()));
            }
            out.println("Bindings:");
            int width = rows.stream().mapToInt(r -> r.binding().length()).max().orElse(0);
            for (Row r : rows) {
                out.println("          " + (oneAnnotation ? r.binding()
                        : String.format("%-" + width + "s  %s", r.binding(), annotation(r.annotation()))));
            }
        }
        out.println();
        out.println(entries.size() + (entries.size() == 1 ? " endpoint, " : " endpoints, ") + byInterface.size()
                + (byInterface.size() == 1 ? " interface." : " interfaces."));
    }

    private static String protocol(String key) {
        try {
            return KnownInterfaces.name(java.util.UUID.fromString(key.substring(0, 36)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return "N/A";
        }
    }

    private static String annotation(String a) {
        return a.isEmpty() ? "(none)" : "\"" + a.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
