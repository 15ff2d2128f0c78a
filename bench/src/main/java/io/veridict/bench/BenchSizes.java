package io.veridict.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much work each measurement does, per run. Every count is fixed up front so that a
 * benchmark is bounded; {@link #full()} is what the documented figures use, {@link #quick()}
 * a smoke run that finishes within a minute on two cores.
 *
 * <p>A warm-up size of 0 skips that warm-up: {@code chainWarmup} also governs the replay's
 * warm-up (one raw read and one verification), {@code httpWarmup} also the batch warm-up (four
 * batches of 100).
 *
 * @param producerRecords     records per raw-producer run
 * @param producerWarmup      records of the discarded warm-up run (0: none)
 * @param chainCommands       commands chained per chain-throughput run (M)
 * @param chainWarmup         commands of the discarded warm-up run (0: none)
 * @param closedLoop          the closed-loop concurrencies of single records, ascending, at most {@value #MAX_CONCURRENCY}
 * @param httpStep            how long each closed-loop run of the load generator lasts (whole seconds)
 * @param baselineConcurrency the concurrency of the HTTP baselines (bare Jetty, refusal before Kafka)
 * @param hotConcurrencies    the concurrencies of the hot-tenant runs (all load on one tenant), ascending; the
 *                            highest is judged
 * @param httpWarmup          single-record requests (at concurrency 8) before any HTTP figure (0: none)
 * @param openLoopRate        requests per second of the open-loop run
 * @param openLoopDuration    how long the open-loop schedule lasts
 * @param batches             the batch steps: decisions per request, concurrency, requests per run
 * @param stepTimeout         the longest any single run may take before it is abandoned
 * @param proofLeaves         entries of the one tenant the proof figure (6) builds
 * @param proofQueries        questions of each kind per proof run
 */
public record BenchSizes(int producerRecords, int producerWarmup, int chainCommands, int chainWarmup,
                         List<Integer> closedLoop, Duration httpStep, int baselineConcurrency,
                         List<Integer> hotConcurrencies,
                         int httpWarmup, int openLoopRate, Duration openLoopDuration,
                         List<BatchStep> batches, Duration stepTimeout, long proofLeaves, int proofQueries) {

    /** The highest closed-loop concurrency. */
    public static final int MAX_CONCURRENCY = 256;

    /** Batch requests of {@code size} decisions each at a fixed concurrency. */
    public record BatchStep(int size, int concurrency, int requests) {
    }

    public BenchSizes {
        closedLoop = List.copyOf(closedLoop);
        hotConcurrencies = List.copyOf(hotConcurrencies);
        batches = List.copyOf(batches);
        for (List<Integer> steps : List.of(closedLoop, hotConcurrencies)) {
            if (steps.isEmpty() || steps.stream().anyMatch(c -> c < 1 || c > MAX_CONCURRENCY)
                    || !steps.equals(steps.stream().sorted().distinct().toList())) {
                throw new IllegalArgumentException("closed-loop concurrencies must be 1 to " + MAX_CONCURRENCY
                        + ", ascending: " + steps);
            }
        }
    }

    /** The sizes behind the documented figures: about ten minutes on two cores. */
    public static BenchSizes full() {
        return new BenchSizes(200_000, 50_000, 50_000, 50_000,
                List.of(1, 8, 32, 64, 128, 256), Duration.ofSeconds(5), 64, List.of(32, 256),
                400, 1_000, Duration.ofSeconds(10),
                List.of(new BatchStep(100, 2, 60), new BatchStep(100, 4, 60),
                        new BatchStep(500, 2, 16), new BatchStep(500, 4, 16)),
                Duration.ofMinutes(3), 10_000_000L, 2_000);
    }

    /** A smoke run of every measurement: tiny counts, a low open-loop rate, no warm-ups; well under a minute. */
    public static BenchSizes quick() {
        return new BenchSizes(5_000, 0, 1_000, 0,
                List.of(1, 32, 128), Duration.ofSeconds(1), 32, List.of(32),
                0, 200, Duration.ofSeconds(1),
                List.of(new BatchStep(100, 2, 2), new BatchStep(100, 4, 4),
                        new BatchStep(500, 2, 2), new BatchStep(500, 4, 4)),
                Duration.ofSeconds(20), 50_000L, 200);
    }
}
