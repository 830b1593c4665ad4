package org.dcom4j.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;

import org.dcom4j.rpc.client.RpcBindException;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcProtocolException;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * What {@code rpcdump} and {@code rpc call} say when the other side cannot be reached or answers
 * with something other than a result: one line, and the exit code of the contract — 4 when the
 * server cannot be reached (refused, no socket file, timed out, no route), 1 when it answered with a
 * refusal (fault, bind rejected), 2 for an unknown host name.
 */
final class RpcFailures {
    private RpcFailures() {
    }

    /**
     * The failure of reaching or talking to {@code what} ("the endpoint mapper at 127.0.0.1:135").
     *
     * @param hint added to "connection refused" and "no socket": how to start the server
     */
    static CliException of(IOException e, String what, Duration timeout, String hint) {
        if (e instanceof RpcCallException c) {
            return CliException.denied(what + " answered with fault " + statusName(c.status()) + String.format(" (0x%08x)", c.status()));
        }
        if (e instanceof RpcBindException b) {
            return CliException.denied(what + " refused the bind: " + b.getMessage());
        }
        if (e instanceof RpcProtocolException) {
            return CliException.environment(what + " broke the RPC protocol: " + e.getMessage());
        }
        if (e instanceof UnknownHostException) {
            return CliException.badInput("unknown host: " + e.getMessage());
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || m.contains("timed out")) {
            return CliException.environment("cannot reach " + what + ": timed out after " + seconds(timeout) + " s (--timeout)");
        }
        if (e instanceof ConnectException || m.contains("connection refused")) {
            return CliException.environment("cannot reach " + what + ": connection refused — " + hint);
        }
        if (e instanceof NoSuchFileException || m.contains("no such file")) {
            return CliException.environment("cannot reach " + what + ": no socket file there — " + hint);
        }
        if (e instanceof NoRouteToHostException) {
            return CliException.environment("cannot reach " + what + ": no route to host");
        }
        return CliException.environment("cannot reach " + what + ": " + e.getMessage());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    /**
     * A status or fault code's name: the runtime's fault names (C706 appendix E), then the endpoint
     * mapper's and the Win32 codes its faults use; {@code unknown} otherwise.
     */
    static String statusName(int status) {
        String name = FaultStatus.name(status);
        if (!name.startsWith("0x")) {
            return name;
        }
        return switch (status) {
            case Epm.EPT_S_NOT_REGISTERED -> "ept_s_not_registered";
            case Epm.EPT_S_INVALID_ENTRY -> "ept_s_invalid_entry";
            case Epm.EPT_S_CANT_PERFORM_OP -> "ept_s_cant_perform_op";
            case 0x1c00001a -> "nca_s_fault_context_mismatch";
            case 0x00000057 -> "error_invalid_parameter";
            case 0x000006dc -> "rpc_s_invalid_vers_option";
            case 0x80070005 -> "e_accessdenied";
            default -> "unknown";
        };
    }
}
