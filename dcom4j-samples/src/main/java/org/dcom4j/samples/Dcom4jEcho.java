package org.dcom4j.samples;

import java.util.UUID;
import org.dcom4j.rpc.InterfaceId;

/**
 * The server-side contract of the sample interface (issue 3, item 5):
 *
 * <pre>
 * [uuid(3baeb06b-ae30-4a06-932c-4ec77578e619), version(1.0)]
 * interface Dcom4jEcho {
 *   long Echo([in] unsigned long n, [in, size_is(n)] byte *data, [out, size_is(n)] byte *out);  // opnum 0
 *   long Add([in] long a, [in] long b, [out] long *sum);                                           // opnum 1
 *   long Sleep([in] unsigned long ms);                                                              // opnum 2
 * }
 * </pre>
 *
 * Each operation takes its {@code [in]} parameter record and returns its {@code [out]} record, whose
 * {@code status} is the IDL return value. {@link Dcom4jEchoServer} adapts an implementation to the
 * RPC runtime. Implementations are called concurrently from many connections and must be
 * thread-safe; request records (and their arrays) belong to the implementation.
 */
public interface Dcom4jEcho {
    /** {@code 3baeb06b-ae30-4a06-932c-4ec77578e619} v1.0. */
    InterfaceId INTERFACE_ID = new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
    int OPNUM_ECHO = 0;
    int OPNUM_ADD = 1;
    int OPNUM_SLEEP = 2;
    /** Opnums 0..2; the runtime faults nca_s_op_rng_error for the others. */
    int OPERATION_COUNT = 3;
    /** The longest sleep {@link DefaultDcom4jEcho} accepts; longer requests get {@link #ERROR_INVALID_PARAMETER}. */
    long MAX_SLEEP_MS = 60_000;
    /** Win32 ERROR_INVALID_PARAMETER (MS-ERREF 2.2). */
    int ERROR_INVALID_PARAMETER = 87;
    /** Win32 ERROR_OPERATION_ABORTED (MS-ERREF 2.2): a sleep interrupted by server shutdown. */
    int ERROR_OPERATION_ABORTED = 995;

    /** Opnum 0: the response's {@code out} must have {@code request.n()} bytes. */
    EchoResponse echo(EchoRequest request);

    /** Opnum 1. */
    AddResponse add(AddRequest request);

    /** Opnum 2. */
    SleepResponse sleep(SleepRequest request);
}
