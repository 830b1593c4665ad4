package org.dcom4j.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.dcom4j.rpc.epm.Tower;

/**
 * A protocol tower (C706 appendix L) as a string binding (C706 appendix G, MS-RPCE 2.1):
 * {@code ncacn_ip_tcp:192.0.2.1[49664]}, {@code ncalrpc:[dcom4j-echo]}, {@code ncacn_np:\\HOST[\pipe\lsass]},
 * {@code ncadg_ip_udp:…}, {@code ncacn_http:…}, preceded by {@code object@} when the entry has a
 * non-nil object UUID. The protocol floors are read here (floor 3 onwards) so that towers dcom4j
 * does not build itself (a Windows or Samba endpoint mapper's) still print; anything else prints as
 * its protocol identifiers.
 */
final class TowerText {
    private TowerText() {
    }

    private static final UUID NIL = new UUID(0, 0);

    /**
     * @param tower       the decoded tower
     * @param object      the entry's object UUID (nil: none)
     * @param anyAddress  what an IPv4 floor of 0.0.0.0 ("every interface") prints as: the host that was asked
     */
    static String binding(Tower tower, UUID object, String anyAddress) {
        String prefix = object == null || NIL.equals(object) ? "" : object + "@";
        List<Tower.Floor> floors = tower.floors();
        if (floors.size() < 4) {
            return prefix + "(tower of " + floors.size() + " floors)";
        }
        int[] ids = tower.protocolIds();
        String seq = switch (ids[0]) {
            case Tower.PROTOCOL_RPC_CO -> ids.length >= 3 && ids[1] == Tower.PROTOCOL_TCP ? "ncacn_ip_tcp"
                    : ids.length >= 2 && ids[1] == 0x0f ? "ncacn_np"
                    : ids.length >= 3 && ids[1] == 0x1f ? "ncacn_http" : null;
            case 0x0a -> ids.length >= 3 && ids[1] == 0x08 ? "ncadg_ip_udp" : null;
            case Tower.PROTOCOL_LRPC -> ids.length >= 2 && ids[1] == Tower.PROTOCOL_PIPE_NAME ? "ncalrpc" : null;
            default -> null;
        };
        if (seq == null) {
            StringBuilder b = new StringBuilder(prefix).append("(protocol ids");
            for (int id : ids) {
                b.append(String.format(" 0x%02x", id));
            }
            return b.append(')').toString();
        }
        byte[] endpoint = floors.get(3).rhs();
        return prefix + switch (seq) {
            case "ncalrpc" -> seq + ":[" + text(endpoint) + "]";
            case "ncacn_np" -> seq + ":" + (floors.size() > 4 ? text(floors.get(4).rhs()) : "") + "[" + text(endpoint) + "]";
            default -> seq + ":" + address(floors.size() > 4 ? floors.get(4).rhs() : new byte[0], anyAddress)
                    + "[" + port(endpoint) + "]";
        };
    }

    private static String port(byte[] rhs) {
        return rhs.length == 2 ? Integer.toString((rhs[0] & 0xFF) << 8 | (rhs[1] & 0xFF)) : "?";
    }

    private static String address(byte[] rhs, String anyAddress) {
        if (rhs.length != 4) {
            return "?";
        }
        if ((rhs[0] | rhs[1] | rhs[2] | rhs[3]) == 0) {
            return anyAddress;
        }
        try {
            return InetAddress.getByAddress(rhs).getHostAddress();
        } catch (UnknownHostException e) {
            return "?"; // not reached: four bytes are always an address
        }
    }

    /** A NUL-terminated ASCII floor value (pipe and host names), unprintable bytes as {@code ?}. */
    private static String text(byte[] rhs) {
        int n = rhs.length;
        while (n > 0 && rhs[n - 1] == 0) {
            n--;
        }
        String s = new String(rhs, 0, n, StandardCharsets.US_ASCII);
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
