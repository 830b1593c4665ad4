package org.dcom4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrLimits;
import org.junit.jupiter.api.Test;

/**
 * Golden stubs: each value encodes to the hand-made vector and decodes back; impacket's bytes for
 * the same call decode to the same value; the big-endian forms decode too (receiver makes right).
 */
class Dcom4jEchoVectorTest {
    private static final byte[] FIVE = {1, 2, 3, 4, 5};

    @Test
    void echoRequestMatchesHandMadeAndImpacketBytes() {
        EchoRequest r = golden(EchoRequest.class, EchoRequest.of(FIVE), "echo_request_n5");
        assertEquals(5, r.n());
        assertArrayEquals(FIVE, r.data());
    }

    @Test
    void echoResponseHasMaxCountBytesPaddingThenReturnValue() {
        EchoResponse r = golden(EchoResponse.class, EchoResponse.of(FIVE, 0), "echo_response_n5");
        assertEquals(0, r.n(), "n is [in] only: not on the wire, decodes as 0");
        assertArrayEquals(FIVE, r.out());
        assertEquals(0, r.status());
    }

    @Test
    void emptyEchoIsJustTheCounts() {
        golden(EchoRequest.class, EchoRequest.of(new byte[0]), "echo_request_n0");
        golden(EchoResponse.class, EchoResponse.of(new byte[0], 0), "echo_response_n0");
    }

    @Test
    void addRequestAndResponseMatchHandMadeAndImpacketBytes() {
        assertEquals(new AddRequest(2, 3), golden(AddRequest.class, new AddRequest(2, 3), "add_request"));
        assertEquals(new AddResponse(5, 0), golden(AddResponse.class, new AddResponse(5, 0), "add_response"));
        assertEquals(new AddResponse(Integer.MIN_VALUE, 0),
                golden(AddResponse.class, new AddResponse(Integer.MIN_VALUE, 0), "add_response_wrap"));
    }

    @Test
    void sleepRequestAndResponseMatchHandMadeAndImpacketBytes() {
        assertEquals(new SleepRequest(10), golden(SleepRequest.class, new SleepRequest(10), "sleep_request"));
        assertEquals(new SleepResponse(0), golden(SleepResponse.class, new SleepResponse(0), "sleep_response"));
    }

    @Test
    void bigEndianRequestsDecodeToTheSameValues() {
        EchoRequest echo = NdrCodec.of(EchoRequest.class).decode(Vectors.load("echo_request_n5.be"), DataRepresentation.BIG_ENDIAN,
                NdrLimits.DEFAULT);
        assertEquals(5, echo.n());
        assertArrayEquals(FIVE, echo.data());
        assertEquals(new AddRequest(2, 3),
                NdrCodec.of(AddRequest.class).decode(Vectors.load("add_request.be"), DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));
    }

    /**
     * Encodes {@code value} to vector {@code name}, decodes the vector and impacket's bytes
     * ({@code name.impacket}), checks both re-encode to the vector; returns the decoded value.
     */
    private static <T extends Record> T golden(Class<T> type, T value, String name) {
        NdrCodec<T> codec = NdrCodec.of(type);
        byte[] expected = Vectors.load(name);
        assertEquals(Vectors.hex(expected), Vectors.hex(codec.encode(value)), name + ": encode");
        T decoded = codec.decode(expected);
        T fromImpacket = codec.decode(Vectors.load(name + ".impacket"));
        // Decoded values lose @NotTransmitted fields; re-encode with the original's to compare.
        assertEquals(Vectors.hex(expected), Vectors.hex(reencode(codec, decoded, value)), name + ": decode");
        assertEquals(Vectors.hex(expected), Vectors.hex(reencode(codec, fromImpacket, value)), name + ".impacket: decode");
        return decoded;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> byte[] reencode(NdrCodec<T> codec, T decoded, T original) {
        if (decoded instanceof EchoResponse r && original instanceof EchoResponse o) {
            return ((NdrCodec<EchoResponse>) codec).encode(new EchoResponse(o.n(), r.out(), r.status()));
        }
        return codec.encode(decoded);
    }
}
