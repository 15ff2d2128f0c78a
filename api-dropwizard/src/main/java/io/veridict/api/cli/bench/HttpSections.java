package io.veridict.api.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The measurements through the API of the running dev stack: single records in a closed loop
 * (3) and an open loop (3b), and batches (4). Each run starts once the service has chained the
 * previous run's commands ({@link ServiceBacklog}). Sections 3 and 3b carry their baseline, the
 * HTTP floor: the same request refused before Kafka.
 */
final class HttpSections {

    /** Batch throughput target, decisions per second. */
    static final double BATCH_TARGET = 20_000;
    /** Open-loop p99 latency target, milliseconds. */
    static final double LATENCY_TARGET_MS = 50;

    private final BenchSizes sizes;
    private final Runs runs;
    private final LedgerHttp http;
    private final ServiceBacklog backlog;
    private final String nonce = Long.toString(System.currentTimeMillis(), 36);

    HttpSections(BenchSizes sizes, Runs runs, LedgerHttp http, ServiceBacklog backlog) {
        this.sizes = sizes;
        this.runs = runs;
        this.http = http;
        this.backlog = backlog;
    }

    /** 3. Requests/s and latency at each closed-loop concurrency. */
    BenchReport.Section single() throws Exception {
        if (sizes.httpWarmup() > 0) {
            runs.warmUp("HTTP", () -> ClosedLoop.run(singles("warm-"), LedgerHttp::succeeded, 8, sizes.httpWarmup(),
                    sizes.stepTimeout()));
        }
        List<Figure> figures = new ArrayList<>();
        for (BenchSizes.ClosedLoopStep step : sizes.closedLoop()) {
            int c = step.concurrency();
            List<ClosedLoop.Result> results = runs.repeat("HTTP closed loop c=" + c,
                    run -> ClosedLoop.run(singles(drained("c" + c + "-" + run + "-")), LedgerHttp::succeeded, c,
                            step.requests(), sizes.stepTimeout()),
                    r -> Table.number(r.requestsPerSecond()) + " requests/s, p99 "
                            + Table.number(r.latency().percentileMillis(99)) + " ms, errors " + r.describeErrors());
            String id = "http.c" + c + ".";
            String label = "c=" + c + " ";
            figures.add(Figure.info(id + "requests_per_s", label + "throughput", "requests/s",
                    Summary.of(results, ClosedLoop.Result::requestsPerSecond), Runs.errors(results, ClosedLoop.Result::errors)));
            figures.addAll(latencies(id, label, results, ClosedLoop.Result::latency, null));
        }
        figures.addAll(floor());
        String steps = String.join(", ", sizes.closedLoop().stream()
                .map(s -> String.format(Locale.ROOT, "c=%d: %,d", s.concurrency(), s.requests())).toList());
        return new BenchReport.Section("3. HTTP single record, closed loop (" + steps + " requests per run)", figures);
    }

    /**
     * The HTTP floor in a closed loop at the highest concurrency: the single-record request
     * refused before Kafka ({@link LedgerHttp#floor}), so what the rest of section 3 adds is the ledger.
     */
    private List<Figure> floor() throws Exception {
        BenchSizes.ClosedLoopStep widest = sizes.closedLoop().get(sizes.closedLoop().size() - 1);
        int c = widest.concurrency();
        String prefix = "floor-" + nonce + "-";
        List<ClosedLoop.Result> results = runs.repeat("HTTP floor closed loop c=" + c,
                run -> ClosedLoop.run(i -> http.floor(prefix + run + "-" + i), LedgerHttp::refusedAsExpected, c,
                        widest.requests(), sizes.stepTimeout()),
                r -> Table.number(r.requestsPerSecond()) + " requests/s, p99 "
                        + Table.number(r.latency().percentileMillis(99)) + " ms, errors " + r.describeErrors());
        String id = "http.floor.c" + c + ".";
        String label = "floor (400 before Kafka) c=" + c + " ";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info(id + "requests_per_s", label + "throughput", "requests/s",
                Summary.of(results, ClosedLoop.Result::requestsPerSecond), Runs.errors(results, ClosedLoop.Result::errors)));
        figures.addAll(latencies(id, label, results, ClosedLoop.Result::latency, null));
        return figures;
    }

    /**
     * 3b. Latency from the scheduled time at a fixed rate; the p99 is judged. The same schedule
     * against the HTTP floor comes first: the client's and Jetty's share of it.
     */
    BenchReport.Section openLoop() throws Exception {
        int rate = sizes.openLoopRate();
        String floorPrefix = "open-floor-" + nonce + "-";
        List<OpenLoop.Result> floors = runs.repeat("HTTP floor open loop " + rate + "/s",
                run -> new OpenLoop(i -> http.floorAsync(floorPrefix + run + "-" + i), LedgerHttp::refusedAsExpected)
                        .run(rate, sizes.openLoopDuration(), sizes.openLoopDuration().plus(OpenLoop.ANSWER_TIMEOUT)),
                OpenLoop.Result::describe);
        List<OpenLoop.Result> results = runs.repeat("HTTP open loop " + rate + "/s", run -> {
            String prefix = drained("open-" + run + "-" + nonce + "-");
            return new OpenLoop(i -> http.recordAsync(SampleDecision.tenant(i), prefix + i), LedgerHttp::succeeded)
                    .run(rate, sizes.openLoopDuration(), sizes.openLoopDuration().plus(OpenLoop.ANSWER_TIMEOUT));
        }, OpenLoop.Result::describe);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info("open.achieved_per_s", "achieved rate", "requests/s",
                Summary.of(results, OpenLoop.Result::achievedPerSecond), Runs.errors(results, OpenLoop.Result::failed)));
        figures.addAll(latencies("open.", "", results, OpenLoop.Result::latency, Target.atMost(LATENCY_TARGET_MS)));
        figures.add(Figure.info("open.late", "sent > " + OpenLoop.LATE.toMillis() + " ms after schedule", "requests",
                Summary.of(results, r -> (double) r.late()), 0));
        figures.add(Figure.info("open.floor.achieved_per_s", "floor (400 before Kafka): achieved rate", "requests/s",
                Summary.of(floors, OpenLoop.Result::achievedPerSecond), Runs.errors(floors, OpenLoop.Result::failed)));
        figures.addAll(latencies("open.floor.", "floor (400 before Kafka): ", floors, OpenLoop.Result::latency, null));
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3b. HTTP single record, open loop at %,d requests/s for %d s (latency from the scheduled send time)",
                rate, sizes.openLoopDuration().toSeconds()), figures);
    }

    /** 4. Decisions/s for each batch size and concurrency; each is judged. */
    BenchReport.Section batches() throws Exception {
        if (sizes.httpWarmup() > 0) {
            byte[] warmBody = SampleDecision.batchBody(100);
            runs.warmUp("HTTP batch", () -> ClosedLoop.run(batch(drained("warm-b-"), warmBody), LedgerHttp::succeeded, 2, 4,
                    sizes.stepTimeout()));
        }
        List<Figure> figures = new ArrayList<>();
        for (BenchSizes.BatchStep step : sizes.batches()) {
            byte[] body = SampleDecision.batchBody(step.size());
            String name = step.size() + " per request, c=" + step.concurrency();
            List<ClosedLoop.Result> results = runs.repeat("HTTP batch " + name,
                    run -> ClosedLoop.run(batch(drained("b" + step.size() + "c" + step.concurrency() + "-" + run + "-"), body),
                            LedgerHttp::succeeded, step.concurrency(), step.requests(), sizes.stepTimeout()),
                    r -> Table.number(r.requestsPerSecond() * step.size()) + " decisions/s, errors " + r.describeErrors());
            figures.add(new Figure("batch.s" + step.size() + ".c" + step.concurrency() + ".decisions_per_s", name,
                    "decisions/s", Summary.of(results, r -> r.requestsPerSecond() * step.size()),
                    Target.atLeast(BATCH_TARGET), Runs.errors(results, ClosedLoop.Result::errors)));
        }
        return new BenchReport.Section("4. HTTP batch (record:batch), closed loop", figures);
    }

    private static <R> List<Figure> latencies(String id, String label, List<R> results,
                                              Function<R, LatencyRecorder.Snapshot> latency, Target p99Target) {
        return List.of(
                Figure.info(id + "p50_ms", label + "p50 latency", "ms",
                        Summary.of(results, r -> latency.apply(r).percentileMillis(50)), 0),
                new Figure(id + "p99_ms", label + "p99 latency", "ms",
                        Summary.of(results, r -> latency.apply(r).percentileMillis(99)), p99Target, 0),
                Figure.info(id + "max_ms", label + "max latency", "ms",
                        Summary.of(results, r -> latency.apply(r).maxMillis()), 0));
    }

    /**
     * Waits (at most a step's timeout) until the service has chained every command it accepted,
     * so that a run does not pay for its predecessor's backlog. @return {@code keyPrefix}
     */
    private String drained(String keyPrefix) throws Exception {
        long left = backlog.awaitDrained(sizes.stepTimeout());
        if (left > 0) {
            runs.note("the service still has %,d commands to chain; measuring anyway", left);
        }
        return keyPrefix;
    }

    private ClosedLoop.Call singles(String keyPrefix) {
        String prefix = keyPrefix + nonce + "-";
        return i -> http.record(SampleDecision.tenant(i), prefix + i);
    }

    private ClosedLoop.Call batch(String keyPrefix, byte[] body) {
        String prefix = keyPrefix + nonce + "-";
        return i -> http.recordBatch(SampleDecision.tenant(i), prefix + i, body);
    }
}
