package org.dcom4j.rpc.epm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.rpc.InterfaceId;

/**
 * A protocol tower: the decoded form of {@code twr_t.tower_octet_string} (C706 appendix L
 * "Protocol Tower Encoding"; protocol identifiers in C706 appendix I and MS-RPCE 2.2.1.1.x).
 * Towers are not NDR: the octet string is a hand-encoded seam, read here with every count bounded.
 *
 * <pre>
 * tower_octet_string:  floor_count (u16 LE) | floor 1 | floor 2 | ... | floor n
 * floor:               lhs_count (u16 LE) | protocol id (1 byte) + lhs data | rhs_count (u16 LE) | rhs data
 *
 * ncacn_ip_tcp (5 floors)                         lhs                                 rhs
 *   1 interface      0d | if uuid (16, NDR GUID LE) | major (u16 LE)        minor (u16 LE)
 *   2 transfer syn.  0d | 8a885d04-1ceb-11c9-9fe8-08002b104860 | 02 00      00 00
 *   3 RPC CO         0b                                                     00 00 (minor, LE)
 *   4 TCP port       07                                                     port (u16 BIG endian)
 *   5 IP address     09                                                     IPv4 (4 bytes, network order)
 * ncalrpc (4 floors)
 *   3 LRPC           0c                                                     00 00 (minor, LE)
 *   4 port name      10                                                     name, ASCII, NUL-terminated
 * </pre>
 * The ncalrpc floors are those of Samba ({@code epmapper.idl}: EPM_PROTOCOL_NCALRPC 0x0c with a u16
 * minor version, EPM_PROTOCOL_PIPE 0x10 with a NUL-terminated name; {@code binding.c} maps ncalrpc to
 * exactly these two), of Wine's rpcrt4 ({@code rpcrt4_ncalrpc_get_top_of_tower}: one 0x10 floor with
 * the endpoint and its NUL) and of Windows towers as impacket's {@code PrintStringBinding} reads them
 * (floor 4 id 0x10 → {@code ncalrpc:[name]}). Wireshark 4.0 labels 0x0c "SPX?" but dissects the
 * tower without error.
 *
 * <p>Immutable; floors copy their bytes in and out.
 */
public record Tower(List<Floor> floors) {
    /** Floors accepted when decoding; Windows towers have at most 6. */
    public static final int MAX_FLOORS = 16;
    public static final int PROTOCOL_UUID = 0x0d;
    public static final int PROTOCOL_RPC_CO = 0x0b;
    public static final int PROTOCOL_LRPC = 0x0c;
    public static final int PROTOCOL_TCP = 0x07;
    public static final int PROTOCOL_IP = 0x09;
    public static final int PROTOCOL_PIPE_NAME = 0x10;
    /** NDR 2.0 transfer syntax (C706 14.1). */
    public static final InterfaceId NDR20 = new InterfaceId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2, 0);

    /** The protocol sequences this runtime builds and recognises. */
    public enum Protseq {
        NCACN_IP_TCP, NCALRPC
    }

    /**
     * One floor. {@code lhs} starts with the protocol identifier byte (so it is never empty).
     */
    public record Floor(byte[] lhs, byte[] rhs) {
        public Floor {
            if (lhs.length < 1 || lhs.length > 0xFFFF || rhs.length > 0xFFFF) {
                throw new IllegalArgumentException("floor sizes: lhs_count=" + lhs.length + ", rhs_count=" + rhs.length
                        + ", limit=1..65535 / 0..65535");
            }
            lhs = lhs.clone();
            rhs = rhs.clone();
        }

        public int protocolId() {
            return lhs[0] & 0xFF;
        }

        @Override
        public byte[] lhs() {
            return lhs.clone();
        }

        @Override
        public byte[] rhs() {
            return rhs.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floor f && Arrays.equals(lhs, f.lhs) && Arrays.equals(rhs, f.rhs);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(lhs) + Arrays.hashCode(rhs);
        }

        @Override
        public String toString() {
            return "Floor[lhs=" + HexFormatHolder.HEX.formatHex(lhs) + ", rhs=" + HexFormatHolder.HEX.formatHex(rhs) + "]";
        }
    }

    private static final class HexFormatHolder {
        static final java.util.HexFormat HEX = java.util.HexFormat.of();
    }

    public Tower {
        floors = List.copyOf(floors);
        if (floors.isEmpty() || floors.size() > MAX_FLOORS) {
            throw new IllegalArgumentException("floor_count=" + floors.size() + ", limit=1.." + MAX_FLOORS);
        }
    }

    /** The 5-floor ncacn_ip_tcp tower of {@code iface} at {@code port} on IPv4 {@code address}. */
    public static Tower tcp(InterfaceId iface, int port, byte[] address) {
        if ((port & ~0xFFFF) != 0 || address.length != 4) {
            throw new IllegalArgumentException("port=" + port + ", address length=" + address.length + ", limit=0..65535 / 4");
        }
        return new Tower(List.of(uuidFloor(iface), uuidFloor(NDR20),
                new Floor(new byte[] {PROTOCOL_RPC_CO}, new byte[2]),
                new Floor(new byte[] {PROTOCOL_TCP}, new byte[] {(byte) (port >>> 8), (byte) port}),
                new Floor(new byte[] {PROTOCOL_IP}, address)));
    }

    /** The 4-floor ncalrpc tower of {@code iface} at port name {@code endpoint} (ASCII, no NUL). */
    public static Tower ncalrpc(InterfaceId iface, String endpoint) {
        byte[] name = endpoint.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= 0xFFFF || endpoint.indexOf('\0') >= 0 || !StandardCharsets.US_ASCII.newEncoder().canEncode(endpoint)) {
            throw new IllegalArgumentException("ncalrpc endpoint must be ASCII without NUL, length<65535: " + endpoint);
        }
        return new Tower(List.of(uuidFloor(iface), uuidFloor(NDR20),
                new Floor(new byte[] {PROTOCOL_LRPC}, new byte[2]),
                new Floor(new byte[] {PROTOCOL_PIPE_NAME}, Arrays.copyOf(name, name.length + 1))));
    }

    /** A UUID floor: lhs 0x0d + NDR GUID (little-endian fields) + major (u16 LE); rhs minor (u16 LE). */
    static Floor uuidFloor(InterfaceId id) {
        byte[] lhs = new byte[19];
        lhs[0] = PROTOCOL_UUID;
        Guids.put(lhs, 1, id.uuid());
        lhs[17] = (byte) id.major();
        lhs[18] = (byte) (id.major() >>> 8);
        return new Floor(lhs, new byte[] {(byte) id.minor(), (byte) (id.minor() >>> 8)});
    }

    /** Encodes {@code tower_octet_string}. The array is the caller's. */
    public byte[] encode() {
        int size = 2;
        for (Floor f : floors) {
            size += 4 + f.lhs.length + f.rhs.length;
        }
        byte[] out = new byte[size];
        int p = putLe16(out, 0, floors.size());
        for (Floor f : floors) {
            p = putLe16(out, p, f.lhs.length);
            System.arraycopy(f.lhs, 0, out, p, f.lhs.length);
            p = putLe16(out, p + f.lhs.length, f.rhs.length);
            System.arraycopy(f.rhs, 0, out, p, f.rhs.length);
            p += f.rhs.length;
        }
        return out;
    }

    /**
     * Decodes a whole {@code tower_octet_string}: 1..{@value #MAX_FLOORS} floors, every lhs at
     * least one byte, every count within the octets, no trailing bytes.
     *
     * @throws TowerFormatException naming the offending field, its value and the limit
     */
    public static Tower decode(byte[] octets) throws TowerFormatException {
        Objects.requireNonNull(octets, "octets");
        if (octets.length < 2) {
            throw new TowerFormatException("tower_length=" + octets.length + ", limit>=2");
        }
        int count = le16(octets, 0);
        if (count < 1 || count > MAX_FLOORS) {
            throw new TowerFormatException("floor_count=" + count + ", limit=1.." + MAX_FLOORS);
        }
        List<Floor> floors = new ArrayList<>(count);
        int p = 2;
        for (int i = 1; i <= count; i++) {
            int lhsCount = count(octets, p, "floor " + i + " lhs_count", 1);
            p += 2;
            byte[] lhs = Arrays.copyOfRange(octets, p, p + lhsCount);
            p += lhsCount;
            int rhsCount = count(octets, p, "floor " + i + " rhs_count", 0);
            p += 2;
            byte[] rhs = Arrays.copyOfRange(octets, p, p + rhsCount);
            p += rhsCount;
            floors.add(new Floor(lhs, rhs));
        }
        if (p != octets.length) {
            throw new TowerFormatException("trailing bytes after floor " + count + ": trailing=" + (octets.length - p) + ", limit=0");
        }
        return new Tower(floors);
    }

    private static int count(byte[] b, int p, String field, int min) throws TowerFormatException {
        if (p + 2 > b.length) {
            throw new TowerFormatException(field + " missing: offset=" + p + ", tower_length=" + b.length);
        }
        int n = le16(b, p);
        if (n < min || n > b.length - p - 2) {
            throw new TowerFormatException(field + "=" + n + ", limit=" + min + ".." + (b.length - p - 2));
        }
        return n;
    }

    /** The interface of floor 1 (uuid, major from the lhs, minor from the rhs). */
    public InterfaceId interfaceId() throws TowerFormatException {
        return uuidFloorValue(0, "interface");
    }

    /** The transfer syntax of floor 2. */
    public InterfaceId transferSyntax() throws TowerFormatException {
        if (floors.size() < 2) {
            throw new TowerFormatException("transfer syntax floor missing: floor_count=" + floors.size() + ", limit>=2");
        }
        return uuidFloorValue(1, "transfer syntax");
    }

    private InterfaceId uuidFloorValue(int index, String what) throws TowerFormatException {
        Floor f = floors.get(index);
        if (f.protocolId() != PROTOCOL_UUID || f.lhs.length != 19 || f.rhs.length != 2) {
            throw new TowerFormatException(what + " floor " + (index + 1) + ": protocol_id=0x" + Integer.toHexString(f.protocolId())
                    + ", lhs_count=" + f.lhs.length + ", rhs_count=" + f.rhs.length + ", limit=0x0d/19/2");
        }
        return new InterfaceId(Guids.get(f.lhs, 1), le16(f.lhs, 17), le16(f.rhs, 0));
    }

    /** The protocol sequence named by floors 3 onwards, or null if it is neither of {@link Protseq}. */
    public Protseq protocolSequence() {
        int[] ids = protocolIds();
        if (Arrays.equals(ids, new int[] {PROTOCOL_RPC_CO, PROTOCOL_TCP, PROTOCOL_IP})) {
            return Protseq.NCACN_IP_TCP;
        }
        if (Arrays.equals(ids, new int[] {PROTOCOL_LRPC, PROTOCOL_PIPE_NAME})) {
            return Protseq.NCALRPC;
        }
        return null;
    }

    /** The protocol identifiers of floors 3..n: what ept_map compares to find "the same protocol". */
    public int[] protocolIds() {
        int n = Math.max(0, floors.size() - 2);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = floors.get(i + 2).protocolId();
        }
        return ids;
    }

    /**
     * The endpoint: the TCP port in decimal for ncacn_ip_tcp, the port name for ncalrpc.
     *
     * @throws TowerFormatException for another protocol sequence or a malformed endpoint floor
     */
    public String endpoint() throws TowerFormatException {
        Protseq ps = protocolSequence();
        if (ps == null) {
            throw new TowerFormatException("protocol sequence not ncacn_ip_tcp or ncalrpc: protocol_ids=" + Arrays.toString(protocolIds()));
        }
        byte[] rhs = floors.get(3).rhs;
        if (ps == Protseq.NCACN_IP_TCP) {
            if (rhs.length != 2) {
                throw new TowerFormatException("tcp port rhs_count=" + rhs.length + ", limit=2");
            }
            return Integer.toString(((rhs[0] & 0xFF) << 8) | (rhs[1] & 0xFF));
        }
        if (rhs.length == 0 || rhs[rhs.length - 1] != 0) {
            throw new TowerFormatException("ncalrpc port name not NUL-terminated: rhs_count=" + rhs.length);
        }
        return new String(rhs, 0, rhs.length - 1, StandardCharsets.US_ASCII);
    }

    /** The IPv4 address of an ncacn_ip_tcp tower (floor 5, network order). */
    public byte[] ipv4Address() throws TowerFormatException {
        if (protocolSequence() != Protseq.NCACN_IP_TCP || floors.get(4).rhs.length != 4) {
            throw new TowerFormatException("not an ncacn_ip_tcp tower with a 4-byte IP floor");
        }
        return floors.get(4).rhs();
    }

    private static int le16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int putLe16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }
}
