package org.dcom4j.rpc.pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MS-RPCE verification trailer (2.2.2.13 rpc_sec_verification_trailer) a Windows client may
 * append to a request's stub data, 4-aligned after the marshalled arguments: an 8-byte signature,
 * then commands until one carries SEC_VT_COMMAND_END. Recognised here so the server can tell it
 * from the arguments; its checks (header2, pcontext, bitmask) matter once requests are signed.
 *
 * <pre>
 *  0                               8               10              12
 * +-------------------------------+---------------+---------------+-----------------+
 * | 8a e3 13 71 02 f4 36 71       | command u16   | length u16    | data (length)   | … next command
 * +-------------------------------+---------------+---------------+-----------------+
 * command: bits 0..13 SEC_VT_COMMAND_BITMASK_1 (1), _PCONTEXT (2), _HEADER2 (3);
 *          0x4000 SEC_VT_COMMAND_END, 0x8000 SEC_VT_MUST_PROCESS_COMMAND
 * </pre>
 *
 * @param offset   where the trailer starts in the stub (the arguments are {@code stub[0, offset)})
 * @param commands the commands in order
 */
public record VerificationTrailer(int offset, List<Command> commands) {
    public static final byte[] SIGNATURE = {(byte) 0x8a, (byte) 0xe3, 0x13, 0x71, 0x02, (byte) 0xf4, 0x36, 0x71};
    public static final int COMMAND_BITMASK_1 = 0x0001;
    public static final int COMMAND_PCONTEXT = 0x0002;
    public static final int COMMAND_HEADER2 = 0x0003;
    public static final int COMMAND_END = 0x4000;
    public static final int MUST_PROCESS = 0x8000;
    /** More commands than this is not a trailer Windows sends; stop looking. */
    private static final int MAX_COMMANDS = 16;

    public VerificationTrailer {
        commands = List.copyOf(commands);
    }

    /** One command: its type (bits 0..13), whether MUST_PROCESS was set, and its data. */
    public record Command(int type, boolean mustProcess, byte[] data) {
    }

    /**
     * Finds the trailer in little-endian request stub data: the last 4-aligned signature whose
     * commands parse exactly to the end of the stub with the last one marked END. Empty when there
     * is none (the usual case: impacket and Samba clients send none).
     */
    public static Optional<VerificationTrailer> find(byte[] stub) {
        return find(stub, 0, stub.length);
    }

    /** {@link #find(byte[])} of the stub {@code b[offset, offset + length)}; the trailer's offset is relative to {@code offset}. */
    public static Optional<VerificationTrailer> find(byte[] b, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        for (int at = (length - SIGNATURE.length - 4) & ~3; at >= 0; at -= 4) {
            if (matches(b, offset + at)) {
                Optional<VerificationTrailer> parsed = parse(b, offset, at, length);
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(byte[] b, int at) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[at + i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<VerificationTrailer> parse(byte[] b, int offset, int at, int stubLength) {
        Wire.Reader r = new Wire.Reader(b, offset, offset + at + SIGNATURE.length, offset + stubLength, true);
        List<Command> commands = new ArrayList<>();
        while (commands.size() < MAX_COMMANDS && r.left() >= 4) {
            int command = r.u16("command");
            int length = r.u16("length");
            if (length > r.left()) {
                return Optional.empty();
            }
            commands.add(new Command(command & 0x3FFF, (command & MUST_PROCESS) != 0, r.bytes(length, "data")));
            if ((command & COMMAND_END) != 0) {
                return r.left() == 0 ? Optional.of(new VerificationTrailer(at, commands)) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
