package org.dcom4j.samples;

/**
 * The implementation the daemon serves. Stateless and thread-safe.
 *
 * <ul>
 *   <li>Echo returns the request's bytes (the same array: the request belongs to us) and status 0.
 *   <li>Add wraps around in 32-bit two's complement, as a C {@code long} does on the platforms
 *       Windows and Linux run on; status 0.
 *   <li>Sleep sleeps up to {@link Dcom4jEcho#MAX_SLEEP_MS}; a longer request is refused with
 *       {@link Dcom4jEcho#ERROR_INVALID_PARAMETER} without sleeping (a status, not a fault: the stub
 *       was readable); an interrupted sleep returns {@link Dcom4jEcho#ERROR_OPERATION_ABORTED}.
 * </ul>
 */
public final class DefaultDcom4jEcho implements Dcom4jEcho {
    @Override
    public EchoResponse echo(EchoRequest request) {
        return EchoResponse.of(request.data(), 0);
    }

    @Override
    public AddResponse add(AddRequest request) {
        return new AddResponse(request.a() + request.b(), 0);
    }

    @Override
    public SleepResponse sleep(SleepRequest request) {
        long ms = Integer.toUnsignedLong(request.ms());
        if (ms > MAX_SLEEP_MS) {
            return new SleepResponse(ERROR_INVALID_PARAMETER);
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SleepResponse(ERROR_OPERATION_ABORTED);
        }
        return new SleepResponse(0);
    }
}
