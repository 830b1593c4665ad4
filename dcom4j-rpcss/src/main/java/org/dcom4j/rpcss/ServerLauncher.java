package org.dcom4j.rpcss;

import java.io.IOException;
import java.util.UUID;

/**
 * How rpcss gets a class's local server started: by asking the launcher process (the seed's
 * DCOMLaunch) — rpcss itself never starts processes. rpcss then waits for the server's
 * RegisterServer (see {@code org.dcom4j.com.scm.Dcom4jScm}), and {@link #abandon}s a server that did not
 * register in time.
 */
@FunctionalInterface
public interface ServerLauncher {
    /** No launcher: classes are served only by servers that are already running. */
    ServerLauncher NONE = clsid -> new Result(0, "", 0x80080005); // CO_E_SERVER_EXEC_FAILURE

    /**
     * Starts the LocalServer32 of {@code clsid} (the launcher reads the command and the RunAs account
     * from the config store itself).
     *
     * @throws IOException the launcher cannot be reached
     */
    Result launch(UUID clsid) throws IOException;

    /**
     * Asks that the server {@code launched} by {@link #launch} be terminated: it did not register within
     * the launch timeout. The launcher terminates it (and its descendants) only if it started that pid and
     * it still runs. A server that registers after the timeout but before it is terminated is terminated
     * all the same; rpcss drops its registration when it stops answering. The default does nothing.
     *
     * @throws IOException the launcher cannot be reached
     */
    default void abandon(Result launched) throws IOException {
        // nothing started, nothing to terminate
    }

    /** The pid started and the account it runs as, or a failure HRESULT (pid 0). */
    record Result(int pid, String account, int hresult) {
        public boolean started() {
            return hresult >= 0 && pid > 0;
        }
    }
}
