package io.veridict.bench;

import java.time.Duration;

/**
 * Drives closed-loop HTTP load: {@code concurrency} connections, each sending its next request
 * as soon as the previous one answered, for a fixed time. {@link Wrk} when it is installed
 * ({@link LoadGenerators#choose}), else {@link JvmLoadGenerator}. Every HTTP figure that is
 * compared with a baseline is driven by the same generator as its baseline.
 */
interface LoadGenerator {

    /** @return what generates the load, for the report, e.g. {@code "wrk 4.1.0 (/usr/bin/wrk), 2 threads"} */
    String describe();

    /** Sends {@code request} from {@code concurrency} connections for {@code duration}. */
    LoadResult closedLoop(LoadRequest request, int concurrency, Duration duration) throws Exception;

    /** @return the longest a run of {@code duration} may take, answers and start-up included */
    static Duration patience(Duration duration) {
        return duration.plus(LedgerHttp.REQUEST_TIMEOUT).plusSeconds(30);
    }
}
