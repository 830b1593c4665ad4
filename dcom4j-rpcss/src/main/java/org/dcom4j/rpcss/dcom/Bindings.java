package org.dcom4j.rpcss.dcom;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.DualStringArray.SecurityBinding;
import org.dcom4j.com.wire.DualStringArray.StringBinding;
import org.dcom4j.security.Distance;

/**
 * Which of an object exporter's bindings a client is given (MS-DCOM 3.1.2.5.1.1: "the string bindings
 * the client can use"). A Remote client gets TCP bindings only — never ncalrpc, which names a socket
 * on this machine — with the server's port under every name a client may have used to reach us: the
 * name it put in COSERVERINFO, then this machine's advertised names (the bind address, or the host
 * name and every IPv4 address when rpcss listens on all of them; impacket picks the binding whose host
 * contains its target), then the addresses the server registered. A Local client also gets the ncalrpc
 * bindings. Requested protocol sequences filter the result when given. Immutable, thread-safe.
 */
final class Bindings {
    static final int TOWER_TCP = DualStringArray.NCACN_IP_TCP;
    static final int TOWER_NCALRPC = DualStringArray.NCALRPC;
    /** Bound on the string bindings one answer carries. */
    static final int MAX_STRING_BINDINGS = 64;
    /** NTLMSSP (RPC_C_AUTHN_WINNT) with no principal name: what rpcss itself accepts. */
    static final SecurityBinding NTLM = new SecurityBinding(10, 0xFFFF, "");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    private final List<String> advertised;

    Bindings(List<String> advertised) {
        this.advertised = List.copyOf(advertised);
    }

    /** The names under which this machine is reachable when rpcss binds {@code bindAddress}. */
    static Bindings forBindAddress(InetAddress bindAddress) {
        Set<String> names = new LinkedHashSet<>();
        if (bindAddress.isAnyLocalAddress()) {
            try {
                names.add(InetAddress.getLocalHost().getHostName());
            } catch (java.io.IOException e) {
                // no resolvable host name: addresses only
            }
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            names.add(a.getHostAddress());
                        }
                    }
                }
            } catch (SocketException e) {
                names.add("127.0.0.1");
            }
        } else {
            names.add(bindAddress.getHostAddress());
        }
        return new Bindings(new ArrayList<>(names).subList(0, Math.min(names.size(), 16)));
    }

    List<String> advertised() {
        return advertised;
    }

    /** rpcss's own bindings (ServerAlive2): the resolver at {@code port} under every advertised name. */
    DualStringArray resolver(int port) {
        List<StringBinding> s = new ArrayList<>();
        for (String h : advertised) {
            s.add(new StringBinding(TOWER_TCP, h + "[" + port + "]"));
        }
        return new DualStringArray(s, List.of(NTLM));
    }

    /**
     * The bindings of {@code registered} for a client at {@code distance}.
     *
     * @param requested  the client's requested tower ids (empty: no preference)
     * @param serverName the name the client used (COSERVERINFO.pwszName), or null
     */
    DualStringArray forClient(DualStringArray registered, Distance distance, List<Integer> requested, String serverName) {
        boolean wantTcp = requested.isEmpty() || requested.contains(TOWER_TCP);
        boolean wantLocal = distance == Distance.LOCAL && (requested.isEmpty() || requested.contains(TOWER_NCALRPC));
        Set<String> out = new LinkedHashSet<>();
        if (wantLocal) {
            for (StringBinding b : registered.stringBindings()) {
                if (b.towerId() == TOWER_NCALRPC) {
                    out.add(b.networkAddr());
                }
            }
        }
        List<String> local = new ArrayList<>(out);
        Set<String> tcp = new LinkedHashSet<>();
        if (wantTcp) {
            Set<String> hosts = new LinkedHashSet<>();
            if (serverName != null) {
                String n = serverName.startsWith("\\\\") ? serverName.substring(2) : serverName;
                if (HOST.matcher(n).matches()) {
                    hosts.add(n);
                }
            }
            hosts.addAll(advertised);
            Set<String> ports = new LinkedHashSet<>();
            for (StringBinding b : registered.stringBindings()) {
                if (b.towerId() == TOWER_TCP) {
                    String a = b.networkAddr();
                    int open = a.lastIndexOf('[');
                    if (open > 0 && a.endsWith("]")) {
                        ports.add(a.substring(open + 1, a.length() - 1));
                        hosts.add(a.substring(0, open));
                    }
                }
            }
            for (String p : ports) {
                for (String h : hosts) {
                    tcp.add(h + "[" + p + "]");
                }
            }
        }
        List<StringBinding> s = new ArrayList<>();
        for (String a : local) {
            s.add(new StringBinding(TOWER_NCALRPC, a));
        }
        for (String a : tcp) {
            s.add(new StringBinding(TOWER_TCP, a));
        }
        List<StringBinding> bounded = s.subList(0, Math.min(s.size(), MAX_STRING_BINDINGS));
        List<SecurityBinding> sec = registered.securityBindings().isEmpty() ? List.of(NTLM) : registered.securityBindings();
        return new DualStringArray(List.copyOf(bounded), sec);
    }
}
