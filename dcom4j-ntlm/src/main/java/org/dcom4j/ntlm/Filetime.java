package org.dcom4j.ntlm;

import java.time.Instant;

/** Windows FILETIME: 100-ns intervals since 1601-01-01 UTC (MS-DTYP 2.3.3), as MsvAvTimestamp carries it. */
final class Filetime {
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    static final long EPOCH_DIFF = 116_444_736_000_000_000L;

    private Filetime() {
    }

    static long of(Instant t) {
        return t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + EPOCH_DIFF;
    }
}
