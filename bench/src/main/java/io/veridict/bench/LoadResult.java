package io.veridict.bench;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One closed-loop HTTP run, whichever generator made it.
 *
 * @param answered          requests answered with an expected status
 * @param seconds           how long the run lasted (the generator's own account)
 * @param p50Ms             median latency
 * @param p99Ms             99th percentile latency
 * @param maxMs             largest latency
 * @param errorKinds        failed requests by kind ({@code "HTTP 202"}, {@code "socket timeout"}, ...), in name order
 * @param generatorCpuNanos CPU time the load generator used during the run ({@code -1}: unknown)
 * @param serviceCpuNanos   CPU time the dev stack's JVM used during the run ({@code -1}: unknown)
 */
record LoadResult(long answered, double seconds, double p50Ms, double p99Ms, double maxMs, Map<String, Long> errorKinds,
                  long generatorCpuNanos, long serviceCpuNanos) {

    LoadResult {
        errorKinds = Map.copyOf(new TreeMap<>(errorKinds));
    }

    /** @return expected answers per second */
    double requestsPerSecond() {
        return seconds > 0 ? answered / seconds : Double.NaN;
    }

    /** @return how many requests failed, whatever the kind */
    long errors() {
        return errorKinds.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the generator's CPU time over the run's wall time on every core: 1.0 is the whole machine */
    double generatorCpuShare(int cores) {
        return share(generatorCpuNanos, cores);
    }

    /** @return the generator's CPU time per request it completed (answered or not), microseconds */
    double generatorCpuMicrosPerRequest() {
        long requests = answered + errors();
        return generatorCpuNanos < 0 || requests <= 0 ? Double.NaN : generatorCpuNanos / 1e3 / requests;
    }

    /** @return the dev stack's CPU time over the run's wall time on every core */
    double serviceCpuShare(int cores) {
        return share(serviceCpuNanos, cores);
    }

    /** @return this result with the dev stack's CPU time during the run */
    LoadResult withServiceCpu(long nanos) {
        return new LoadResult(answered, seconds, p50Ms, p99Ms, maxMs, errorKinds, generatorCpuNanos, nanos);
    }

    /** @return a one-line account for the progress log */
    String describe(int cores) {
        return Table.number(requestsPerSecond()) + " requests/s, p50 " + Table.number(p50Ms) + " ms, p99 "
                + Table.number(p99Ms) + " ms, generator CPU " + percent(generatorCpuShare(cores)) + ", dev stack CPU "
                + percent(serviceCpuShare(cores)) + ", errors " + describeErrors();
    }

    /** @return e.g. {@code "0"} or {@code "2 (HTTP 202: 1, socket timeout: 1)"} */
    String describeErrors() {
        long errors = errors();
        if (errors == 0) {
            return "0";
        }
        StringJoiner kinds = new StringJoiner(", ", " (", ")");
        new TreeMap<>(errorKinds).forEach((kind, count) -> kinds.add(kind + ": " + count));
        return errors + kinds.toString();
    }

    private double share(long nanos, int cores) {
        return nanos < 0 || seconds <= 0 || cores <= 0 ? Double.NaN : nanos / (seconds * 1e9 * cores);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : Math.round(share * 100) + " %";
    }
}
