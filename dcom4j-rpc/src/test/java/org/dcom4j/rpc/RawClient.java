package org.dcom4j.rpc;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.dcom4j.rpc.transport.Connection;

/** A test client speaking raw PDUs, so tests can send anything, well-formed or not. */
final class RawClient implements AutoCloseable {
    final Connection c;
    private int callId = 1;

    RawClient(Connection c) {
        this.c = c;
    }

    void sendRaw(byte[] b) throws IOException {
        c.write(b, 0, b.length);
    }

    void send(Pdu pdu) throws IOException {
        sendRaw(PduCodec.encode(pdu));
    }

    /** The next PDU, or null when the server closed the connection. */
    Pdu read() throws IOException {
        byte[] h = new byte[PduHeader.LENGTH];
        try {
            c.readFully(h, 0, h.length);
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            return null; // reset by peer counts as closed
        }
        int len = (h[8] & 0xFF) | (h[9] & 0xFF) << 8;
        byte[] f = Arrays.copyOf(h, len);
        c.readFully(f, PduHeader.LENGTH, len - PduHeader.LENGTH);
        return PduCodec.decode(f);
    }

    PduBody.BindAck bind(int maxFrag, int assocGroup, SyntaxId iface, SyntaxId... transfer) throws IOException {
        List<SyntaxId> ts = transfer.length == 0 ? List.of(SyntaxId.NDR20) : List.of(transfer);
        send(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, callId++,
                new PduBody.Bind(false, maxFrag, maxFrag, assocGroup, List.of(new ContextElement(0, iface, ts)))));
        return (PduBody.BindAck) read().body();
    }

    /** Sends a request in fragments of at most {@code fragSize}; returns the reassembled response stub or the fault PDU body. */
    Object call(int contextId, int opnum, UUID object, byte[] stub, int fragSize) throws IOException {
        int id = callId++;
        int chunk = (fragSize - 24 - (object == null ? 0 : 16)) & ~7;
        int off = 0;
        do {
            int n = Math.min(chunk, stub.length - off);
            int flags = (off == 0 ? PfcFlags.FIRST_FRAG : 0) | (off + n == stub.length ? PfcFlags.LAST_FRAG : 0)
                    | (object == null ? 0 : PfcFlags.OBJECT_UUID);
            send(Pdu.of(flags, id, new PduBody.Request(stub.length - off, contextId, opnum, object, Arrays.copyOfRange(stub, off, off + n))));
            off += n;
        } while (off < stub.length);
        List<byte[]> parts = new ArrayList<>();
        while (true) {
            Pdu p = read();
            if (p == null) {
                return null;
            }
            if (p.body() instanceof PduBody.Fault f) {
                return f;
            }
            parts.add(((PduBody.Response) p.body()).stub());
            if (p.has(PfcFlags.LAST_FRAG)) {
                break;
            }
        }
        int total = parts.stream().mapToInt(x -> x.length).sum();
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] x : parts) {
            System.arraycopy(x, 0, out, p, x.length);
            p += x.length;
        }
        return out;
    }

    int nextCallId() {
        return callId++;
    }

    @Override
    public void close() throws IOException {
        c.close();
    }
}
