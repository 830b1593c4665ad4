package org.dcom4j.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.dcom4j.rpc.transport.Connection;

/**
 * A minimal connection-oriented client over raw PDUs ({@link PduCodec}): one bind, then requests on
 * presentation context 0, fragmented to the negotiated size. Used until the runtime's client exists;
 * not thread-safe (one call at a time, as the server serves one connection).
 */
final class RawRpcClient implements AutoCloseable {
    private static final int REQUEST_HEADER = PduHeader.LENGTH + 8;

    private final Connection connection;
    private int callId = 1;
    private int fragSize;

    private RawRpcClient(Connection connection) {
        this.connection = connection;
    }

    /** Connects and binds {@link Dcom4jEcho#INTERFACE_ID} over NDR 2.0; fails unless the context is accepted. */
    static RawRpcClient bind(Connection connection, int maxFrag) throws IOException {
        RawRpcClient c = new RawRpcClient(connection);
        SyntaxId echo = new SyntaxId(Dcom4jEcho.INTERFACE_ID.uuid(), Dcom4jEcho.INTERFACE_ID.major(), Dcom4jEcho.INTERFACE_ID.minor());
        c.send(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, c.callId++,
                new PduBody.Bind(false, maxFrag, maxFrag, 0, List.of(new ContextElement(0, echo, List.of(SyntaxId.NDR20))))));
        if (!(c.read().body() instanceof PduBody.BindAck ack) || ack.results().getFirst().result() != 0) {
            throw new IOException("bind refused");
        }
        c.fragSize = ack.maxXmitFrag();
        return c;
    }

    /** The response stub, or a {@link PduBody.Fault}. */
    Object call(int opnum, byte[] stub) throws IOException {
        int id = callId++;
        int chunk = (fragSize - REQUEST_HEADER) & ~7;
        int off = 0;
        do {
            int n = Math.min(chunk, stub.length - off);
            int flags = (off == 0 ? PfcFlags.FIRST_FRAG : 0) | (off + n == stub.length ? PfcFlags.LAST_FRAG : 0);
            send(Pdu.of(flags, id, new PduBody.Request(stub.length - off, 0, opnum, null, Arrays.copyOfRange(stub, off, off + n))));
            off += n;
        } while (off < stub.length);
        List<byte[]> parts = new ArrayList<>();
        while (true) {
            Pdu p = read();
            if (p.callId() != id) {
                throw new IOException("call_id=" + p.callId() + ", expected=" + id);
            }
            if (p.body() instanceof PduBody.Fault f) {
                return f;
            }
            parts.add(((PduBody.Response) p.body()).stub());
            if (p.has(PfcFlags.LAST_FRAG)) {
                break;
            }
        }
        byte[] out = new byte[parts.stream().mapToInt(x -> x.length).sum()];
        int p = 0;
        for (byte[] x : parts) {
            System.arraycopy(x, 0, out, p, x.length);
            p += x.length;
        }
        return out;
    }

    private void send(Pdu pdu) throws IOException {
        byte[] b = PduCodec.encode(pdu);
        connection.write(b, 0, b.length);
    }

    private Pdu read() throws IOException {
        byte[] h = new byte[PduHeader.LENGTH];
        connection.readFully(h, 0, h.length);
        int len = (h[8] & 0xFF) | (h[9] & 0xFF) << 8;   // we bind little-endian; the server answers in kind
        byte[] f = Arrays.copyOf(h, len);
        connection.readFully(f, PduHeader.LENGTH, len - PduHeader.LENGTH);
        return PduCodec.decode(f);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
