package org.dcom4j.rpc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.util.Arrays;
import java.util.Optional;
import org.dcom4j.security.Distance;
import org.junit.jupiter.api.Test;

class ReadBufferTest {
    /** Delivers {@code data} at most {@code chunk} bytes per read, counting the reads. */
    private static final class Chunked implements Connection {
        final byte[] data;
        final int chunk;
        int pos;
        int reads;

        Chunked(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int offset, int length) {
            reads++;
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, length), data.length - pos);
            System.arraycopy(data, pos, b, offset, n);
            pos += n;
            return n;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Distance distance() {
            return Distance.LOCAL;
        }

        @Override
        public Optional<PeerCredentials> peerCredentials() {
            return Optional.empty();
        }

        @Override
        public String peerAddress() {
            return "test";
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    @Test
    void shouldCutSeveralFragmentsOutOfOneRead() throws Exception {
        byte[] data = bytes(100, 0);
        Chunked c = new Chunked(data, 1000);
        ReadBuffer in = new ReadBuffer(c, 64);
        assertTrue(in.awaitByte());
        in.require(40);
        assertArrayEquals(Arrays.copyOfRange(data, 0, 40), in.take(40));
        in.require(20);
        assertArrayEquals(Arrays.copyOfRange(data, 40, 60), in.take(20));
        assertEquals(1, c.reads);
        in.require(40); // 4 buffered: moves them to the front, reads the rest
        assertArrayEquals(Arrays.copyOfRange(data, 60, 100), in.take(40));
        assertEquals(0, in.buffered());
        assertFalse(in.awaitByte());
    }

    @Test
    void shouldGrowOnlyForALargerFragmentAndAssembleChunks() throws Exception {
        byte[] data = bytes(300, 7);
        Chunked c = new Chunked(data, 7);
        ReadBuffer in = new ReadBuffer(c, 16);
        byte[] head = new byte[16];
        in.require(16);
        in.peek(head, 16);
        assertArrayEquals(Arrays.copyOf(data, 16), head);
        in.require(250);
        assertArrayEquals(Arrays.copyOf(data, 250), in.take(250));
        in.require(50);
        assertArrayEquals(Arrays.copyOfRange(data, 250, 300), in.take(50));
    }

    @Test
    void shouldReportATruncatedFragment() throws Exception {
        ReadBuffer in = new ReadBuffer(new Chunked(bytes(10, 0), 4), 8);
        assertTrue(in.awaitByte());
        EOFException e = assertThrows(EOFException.class, () -> in.require(16));
        assertTrue(e.getMessage().contains("missing=6"), e.getMessage());
    }
}
