package io.veridict.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The measurements through the API of the running dev stack: the HTTP baselines (3), single
 * records in a closed loop at rising concurrency (3a) and in an open loop (3b), one hot tenant
 * (3c), and batches (4). The closed loops of 3, 3a and 3c come from one {@link LoadGenerator}
 * (wrk when installed), so each figure can be set against bare Jetty's from the same generator
 * and run. Each run starts once the service has chained the previous run's commands
 * ({@link ServiceBacklog}); the runs that report records per entry drain again before their
 * second offset snapshot ({@link EntryAccounting}).
 */
final class HttpSections {

    /** Batch throughput target, decisions per second. */
    static final double BATCH_TARGET = 20_000;

    /** The refusal before Kafka ÷ bare Jetty, at least. */
    static final double FLOOR_TO_PING_TARGET = 0.5;
    /** Most p99 latency of one caller's policy evaluation (3d), ms. */
    static final double EVALUATION_P99_TARGET_MS = 5;
    /** Least requests/s of policy evaluations (3d), as a share of the floor's (3). */
    static final double EVALUATION_TO_FLOOR_TARGET = 0.5;

    /** The most single records/s at p99 within the bound ÷ bare Jetty, at least. */
    static final double BEST_TO_PING_TARGET = 0.1;

    /** Entries/s of one hot tenant through the API, at least. */
    static final double HOT_TENANT_TARGET = 10_000;

    /** Kafka records written per entry of concurrent single records (3a, widest concurrency), at most. */
    static final double SINGLE_RECORDS_TARGET = 2.5;

    /** Kafka records written per entry of batches of 100 (4), at most. */
    static final double BATCH_RECORDS_TARGET = 1.2;
    /** Open-loop p99 latency target, milliseconds. */
    static final double LATENCY_TARGET_MS = 50;
    /** The p99 bound of "the most requests/s" over the closed-loop concurrencies, milliseconds. */
    static final double SWEEP_P99_BOUND_MS = 100;
    /** The batch size whose records per entry are reported. */
    static final int ACCOUNTED_BATCH_SIZE = 100;

    /** A run's result with what it cost per chained entry ({@code null} when not accounted). */
    private record Accounted<R>(R result, EntryAccounting.Account account) {

        String describeAccount() {
            return account == null ? "" : "; " + account.describe();
        }
    }

    /** Rounds of the HTTP warm-up (bare Jetty, the refusal and single records, one load run each): at least, at most. */
    static final int MIN_WARMUP_ROUNDS = 3;
    static final int MAX_WARMUP_ROUNDS = 12;

    /** A warm-up round whose rates all stay below this factor of the round before counts as no longer rising. */
    static final double RISING = 1.1;

    private static boolean rising(double[] before, double[] after) {
        for (int i = 0; i < before.length; i++) {
            if (after[i] > RISING * before[i]) {
                return true;
            }
        }
        return false;
    }

    private final BenchSizes sizes;
    private final Runs runs;
    private final LedgerHttp http;
    private final ServiceBacklog backlog;
    private final LoadGenerator generator;
    private final EntryAccounting accounting;
    private final CpuClock cpu;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final String nonce = Long.toString(System.currentTimeMillis(), 36);
    /** Bare Jetty's requests/s, from {@link #baselines}. */
    private Summary ping;
    private Summary floor;
    /** Single-record requests/s over the 20 tenants, by concurrency, from {@link #single}. */
    private final Map<Integer, Summary> spread = new HashMap<>();

    HttpSections(BenchSizes sizes, Runs runs, LedgerHttp http, ServiceBacklog backlog, LoadGenerator generator,
                 EntryAccounting accounting, CpuClock cpu) {
        this.sizes = sizes;
        this.runs = runs;
        this.http = http;
        this.backlog = backlog;
        this.generator = generator;
        this.accounting = accounting;
        this.cpu = cpu;
    }

    /**
     * 3. The baselines, driven by the load generator of every closed loop: bare Jetty
     * ({@code GET /ping} on the admin port) and the single-record request, fully authenticated,
     * refused before Kafka ({@link LedgerHttp#floorLoad}). What the generator reaches against
     * bare Jetty bounds every other figure it measures.
     */
    BenchReport.Section baselines() throws Exception {
        int c = sizes.baselineConcurrency();
        if (sizes.httpWarmup() > 0) {
            // The service's JIT needs minutes of each path before its figures settle (by hand,
            // bare Jetty rose from 7,000 to 28,000 requests/s over six 5 s runs, single records
            // from 220 to 1,900 over three minutes), and it compiles in steps, each only after
            // more load: rounds of load until the refusal and single records stop rising (two rounds
            // in a row within 10 % of the round before).
            runs.warmUp("HTTP baselines and single records", () -> {
                double[] last = null;
                int flat = 0;
                for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
                    load(http.pingLoad(), c);
                    double[] rates = {
                            load(http.floorLoad(), c).requestsPerSecond(),
                            load(http.recordLoad(SampleDecision.TENANTS).withKeyPrefix(key("warm-" + round)), c)
                                    .requestsPerSecond()};
                    drained("");
                    runs.settle("HTTP warm-up round " + round, cpu);
                    runs.note("HTTP warm-up round %d: refusal %,.0f requests/s, single records %,.0f requests/s",
                            round, rates[0], rates[1]);
                    flat = last != null && !rising(last, rates) ? flat + 1 : 0;
                    if (round >= MIN_WARMUP_ROUNDS && flat >= 2) {
                        break;
                    }
                    last = rates;
                }
                return null;
            });
        }
        List<LoadResult> pings = runs.repeat("bare Jetty GET /ping c=" + c, run -> load(http.pingLoad(), c),
                r -> r.describe(cores));
        ping = Summary.of(pings, LoadResult::requestsPerSecond);
        List<LoadResult> floors = runs.repeat("HTTP floor (400 before Kafka) c=" + c, run -> load(http.floorLoad(), c),
                r -> r.describe(cores));
        floor = Summary.of(floors, LoadResult::requestsPerSecond);
        String pingId = "http.ping.c" + c + ".";
        String floorId = "http.floor.c" + c + ".";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info(pingId + "requests_per_s", "bare Jetty: GET /ping (admin port), c=" + c, "requests/s",
                ping, Runs.errors(pings, LoadResult::errors)));
        figures.addAll(loadLatencies(pingId, "bare Jetty ", pings));
        figures.addAll(cpuShares(pingId, "bare Jetty: ", pings));
        figures.add(Figure.info(floorId + "requests_per_s", "refused before Kafka (authenticated, 400), c=" + c,
                "requests/s", floor, Runs.errors(floors, LoadResult::errors)));
        figures.addAll(loadLatencies(floorId, "refused before Kafka ", floors));
        figures.addAll(cpuShares(floorId, "refused before Kafka: ", floors));
        figures.add(new Figure(floorId + "ratio_to_ping", "refused before Kafka / bare Jetty", "x",
                floor.scaled(1 / ping.median()), Target.atLeast(FLOOR_TO_PING_TARGET), 0));
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3. HTTP baselines, closed loop c=%d, %d s per run, same load generator as 3a and 3c",
                c, sizes.httpStep().toSeconds()), figures);
    }

    /**
     * 3d. Policy evaluation ({@code POST /v1/decisions/evaluate}, {@link SamplePolicy}: 20 rules,
     * all evaluated, nothing written) against each tenant's published version, named by id, as an
     * in-line caller sends it: one caller's latency (c=1), and requests/s at the baselines'
     * concurrency against the floor (3), which is the same HTTP stack and authentication without
     * the evaluation. The same evaluation with the document in the request, as a policy author's
     * dry run sends it, is shown beside it.
     */
    BenchReport.Section evaluation() throws Exception {
        http.publishSamplePolicy();
        http.checkEvaluation(SampleDecision.TENANTS.get(0), true);
        http.checkEvaluation(SampleDecision.TENANTS.get(0), false);
        LoadRequest request = http.evaluateLoad(true);
        LoadRequest inline = http.evaluateLoad(false);
        int c = sizes.baselineConcurrency();
        if (sizes.httpWarmup() > 0) {
            runs.warmUp("policy evaluation", () -> load(request, c));
            runs.warmUp("policy evaluation, inline document", () -> load(inline, c));
        }
        List<LoadResult> ones = runs.repeat("policy evaluation c=1", run -> load(request, 1), r -> r.describe(cores));
        List<LoadResult> wide = runs.repeat("policy evaluation c=" + c, run -> load(request, c), r -> r.describe(cores));
        List<LoadResult> inlineWide = runs.repeat("policy evaluation, inline document, c=" + c, run -> load(inline, c),
                r -> r.describe(cores));
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info("eval.c1.requests_per_s", "one caller (c=1): evaluations", "requests/s",
                Summary.of(ones, LoadResult::requestsPerSecond), Runs.errors(ones, LoadResult::errors)));
        figures.add(Figure.info("eval.c1.p50_ms", "one caller (c=1): p50 latency", "ms",
                Summary.of(ones, LoadResult::p50Ms), 0));
        figures.add(new Figure("eval.c1.p99_ms", "one caller (c=1): p99 latency", "ms",
                Summary.of(ones, LoadResult::p99Ms), Target.atMost(EVALUATION_P99_TARGET_MS), 0));
        String id = "eval.c" + c + ".";
        Summary rate = Summary.of(wide, LoadResult::requestsPerSecond);
        figures.add(Figure.info(id + "requests_per_s", "c=" + c + ": evaluations", "requests/s", rate,
                Runs.errors(wide, LoadResult::errors)));
        figures.addAll(loadLatencies(id, "c=" + c + " ", wide));
        figures.addAll(cpuShares(id, "c=" + c + ": ", wide));
        figures.add(new Figure(id + "ratio_to_floor", "c=" + c + ": evaluations / refused before Kafka (3)", "x",
                rate.scaled(1 / floor.median()), Target.atLeast(EVALUATION_TO_FLOOR_TARGET), 0));
        Summary inlineRate = Summary.of(inlineWide, LoadResult::requestsPerSecond);
        figures.add(Figure.info("eval.inline.c" + c + ".requests_per_s", "c=" + c + ": evaluations, document in the request",
                "requests/s", inlineRate, Runs.errors(inlineWide, LoadResult::errors)));
        figures.add(Figure.info("eval.inline.c" + c + ".ratio_to_floor",
                "c=" + c + ": evaluations, document in the request / refused before Kafka (3)", "x",
                inlineRate.scaled(1 / floor.median()), 0));
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3d. HTTP policy evaluation: %d rules, all evaluated, each tenant's published version named by id (and the"
                        + " document in the request, for comparison), over 20 tenants, c=1 and c=%d, %d s per run",
                SamplePolicy.RULES, c, sizes.httpStep().toSeconds()), figures);
    }

    /**
     * 3a. Single records at each closed-loop concurrency: requests/s and latency; the most
     * requests/s whose p99 stays within {@value #SWEEP_P99_BOUND_MS} ms, against bare Jetty; and,
     * at the highest concurrency, the Kafka records and dev-stack CPU per chained entry.
     */
    BenchReport.Section single() throws Exception {
        if (sizes.httpWarmup() > 0) {
            runs.warmUp("HTTP", () -> ClosedLoop.run(singles("warm-"), LedgerHttp::succeeded, 8, sizes.httpWarmup(),
                    sizes.stepTimeout()));
        }
        List<Figure> figures = new ArrayList<>();
        Map<Integer, List<LoadResult>> byConcurrency = new HashMap<>();
        int widest = sizes.closedLoop().get(sizes.closedLoop().size() - 1);
        for (int c : sizes.closedLoop()) {
            LoadRequest request = http.recordLoad(SampleDecision.TENANTS);
            List<Accounted<LoadResult>> accounted = runs.repeat("HTTP closed loop c=" + c,
                    run -> accounted(c == widest, () -> load(request.withKeyPrefix(key("c" + c + "-" + run)), c)),
                    a -> a.result().describe(cores) + a.describeAccount());
            List<LoadResult> results = accounted.stream().map(Accounted::result).toList();
            byConcurrency.put(c, results);
            String id = "http.c" + c + ".";
            String label = "c=" + c + " ";
            Summary rate = Summary.of(results, LoadResult::requestsPerSecond);
            spread.put(c, rate);
            figures.add(Figure.info(id + "requests_per_s", label + "throughput", "requests/s", rate,
                    Runs.errors(results, LoadResult::errors)));
            figures.addAll(loadLatencies(id, label, results));
            figures.add(Figure.info(id + "generator_cpu_share", label + "load generator's CPU, share of the machine", "%",
                    Summary.of(results, r -> 100 * r.generatorCpuShare(cores)), 0));
            if (c == widest) {
                figures.addAll(perEntry(id, label, accounted, Target.atMost(SINGLE_RECORDS_TARGET)));
            }
        }
        List<Double> best = new ArrayList<>();
        List<Double> bestAt = new ArrayList<>();
        for (int run = 0; run < byConcurrency.get(widest).size(); run++) {
            double most = Double.NaN;
            double at = Double.NaN;
            for (int c : sizes.closedLoop()) {
                LoadResult r = byConcurrency.get(c).get(run);
                double rate = r.requestsPerSecond();
                if (r.p99Ms() <= SWEEP_P99_BOUND_MS && r.errors() == 0 && !Double.isNaN(rate)
                        && (Double.isNaN(most) || rate > most)) {
                    most = rate;
                    at = c;
                }
            }
            best.add(most);
            bestAt.add(at);
        }
        Summary most = Summary.of(best);
        String bound = "p99 <= " + Table.number(SWEEP_P99_BOUND_MS) + " ms";
        figures.add(Figure.info("http.best.requests_per_s", "most requests/s with " + bound + " and no error, c <= " + widest,
                "requests/s", most, 0));
        figures.add(Figure.info("http.best.concurrency", "  at concurrency", "c", Summary.of(bestAt), 0));
        figures.add(new Figure("http.best.ratio_to_ping", "  / bare Jetty (3)", "x", ratioToPing(most),
                Target.atLeast(BEST_TO_PING_TARGET), 0));
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3a. HTTP single record, closed loop over 20 tenants, c = %s, %d s per run", sizes.closedLoop(),
                sizes.httpStep().toSeconds()), figures);
    }

    /**
     * 3b. Latency from the scheduled time at a fixed rate, from this JVM's non-blocking client
     * ({@link OpenLoop}); the p99 is judged. The same schedule against bare Jetty comes first
     * (what this client reaches on its own), then against the HTTP floor.
     */
    BenchReport.Section openLoop() throws Exception {
        int rate = sizes.openLoopRate();
        java.time.Duration timeout = sizes.openLoopDuration().plus(OpenLoop.ANSWER_TIMEOUT);
        List<CpuTimed<OpenLoop.Result>> pings = runs.repeat("bare Jetty /ping open loop " + rate + "/s",
                run -> cpuTimed(() -> new OpenLoop(http.pingLoad()).run(rate, sizes.openLoopDuration(), timeout)),
                r -> r.result().describe() + ", client CPU " + Math.round(100 * r.share(cores)) + " %");
        List<OpenLoop.Result> floors = runs.repeat("HTTP floor open loop " + rate + "/s",
                run -> new OpenLoop(http.floorLoad()).run(rate, sizes.openLoopDuration(), timeout),
                OpenLoop.Result::describe);
        List<CpuTimed<OpenLoop.Result>> results = runs.repeat("HTTP open loop " + rate + "/s", run -> {
            LoadRequest request = http.recordLoad(SampleDecision.TENANTS).withKeyPrefix(drained("open-" + run + "-" + nonce));
            return cpuTimed(() -> new OpenLoop(request).run(rate, sizes.openLoopDuration(), timeout));
        }, r -> r.result().describe() + ", client CPU " + Math.round(100 * r.share(cores)) + " %");
        List<OpenLoop.Result> singles = results.stream().map(CpuTimed::result).toList();
        List<OpenLoop.Result> bare = pings.stream().map(CpuTimed::result).toList();
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info("open.achieved_per_s", "achieved rate", "requests/s",
                Summary.of(singles, OpenLoop.Result::achievedPerSecond), Runs.errors(singles, OpenLoop.Result::failed)));
        figures.addAll(latencies("open.", "", singles, OpenLoop.Result::latency, Target.atMost(LATENCY_TARGET_MS)));
        figures.add(Figure.info("open.late", "sent > " + OpenLoop.LATE.toMillis() + " ms after schedule", "requests",
                Summary.of(singles, r -> (double) r.late()), 0));
        figures.add(Figure.info("open.generator_cpu_share", "this JVM's CPU (the client), share of the machine", "%",
                Summary.of(results, r -> 100 * r.share(cores)), 0));
        figures.add(Figure.info("open.ping.achieved_per_s", "bare Jetty (GET /ping): achieved rate", "requests/s",
                Summary.of(bare, OpenLoop.Result::achievedPerSecond), Runs.errors(bare, OpenLoop.Result::failed)));
        figures.addAll(latencies("open.ping.", "bare Jetty: ", bare, OpenLoop.Result::latency, null));
        figures.add(Figure.info("open.ping.late", "bare Jetty: sent > " + OpenLoop.LATE.toMillis() + " ms after schedule",
                "requests", Summary.of(bare, r -> (double) r.late()), 0));
        figures.add(Figure.info("open.ping.generator_cpu_share", "bare Jetty: this JVM's CPU, share of the machine", "%",
                Summary.of(pings, r -> 100 * r.share(cores)), 0));
        figures.add(Figure.info("open.ping.generator_cpu_us_per_request", "bare Jetty: this JVM's CPU per request", "us",
                Summary.of(pings, r -> r.cpuNanos() < 0 ? Double.NaN : r.cpuNanos() / 1e3 / r.result().scheduled()), 0));
        figures.add(Figure.info("open.floor.achieved_per_s", "floor (400 before Kafka): achieved rate", "requests/s",
                Summary.of(floors, OpenLoop.Result::achievedPerSecond), Runs.errors(floors, OpenLoop.Result::failed)));
        figures.addAll(latencies("open.floor.", "floor (400 before Kafka): ", floors, OpenLoop.Result::latency, null));
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3b. HTTP single record, open loop at %,d requests/s for %d s (latency from the scheduled send time; "
                        + "this JVM's non-blocking client)", rate, sizes.openLoopDuration().toSeconds()), figures);
    }

    /**
     * 3c. All load on one tenant (one chain, so one partition and one stream task), at each hot
     * concurrency: entries/s, latency, records per entry, and the ratio to the same concurrency
     * spread over 20 tenants. At low concurrency the figure is bound by each request's wait for
     * its commit; the highest concurrency, where the ledger groups most, is judged.
     */
    BenchReport.Section hotTenant() throws Exception {
        String tenant = SampleDecision.TENANTS.get(0);
        LoadRequest request = http.recordLoad(List.of(tenant));
        List<Integer> steps = sizes.hotConcurrencies();
        int judged = steps.get(steps.size() - 1);
        List<Figure> figures = new ArrayList<>();
        for (int c : steps) {
            List<Accounted<LoadResult>> accounted = runs.repeat("HTTP hot tenant c=" + c,
                    run -> accounted(true, () -> load(request.withKeyPrefix(key("hot-c" + c + "-" + run)), c)),
                    a -> a.result().describe(cores) + a.describeAccount());
            List<LoadResult> results = accounted.stream().map(Accounted::result).toList();
            Summary rate = Summary.of(results, LoadResult::requestsPerSecond);
            String id = "hot.c" + c + ".";
            String label = "one tenant, c=" + c + ": ";
            figures.add(new Figure(id + "entries_per_s", label + "entries chained", "entries/s", rate,
                    c == judged ? Target.atLeast(HOT_TENANT_TARGET) : null, Runs.errors(results, LoadResult::errors)));
            figures.addAll(loadLatencies(id, label, results));
            Summary spreadRate = spread.get(c);
            if (spreadRate != null) {
                figures.add(Figure.info(id + "ratio_to_spread", label + "/ the same load over 20 tenants (3a c=" + c + ")",
                        "x", rate.scaled(1 / spreadRate.median()), 0));
            }
            figures.add(Figure.info(id + "ratio_to_ping", label + "/ bare Jetty (3)", "x", ratioToPing(rate), 0));
            figures.addAll(perEntry(id, label, accounted, null));
        }
        return new BenchReport.Section(String.format(Locale.ROOT,
                "3c. HTTP hot tenant: single records, all on %s, closed loop c = %s, %d s per run", tenant, steps,
                sizes.httpStep().toSeconds()), figures);
    }

    /** 4. Decisions/s for each batch size and concurrency; each is judged. */
    BenchReport.Section batches() throws Exception {
        if (sizes.httpWarmup() > 0) {
            byte[] warmBody = SampleDecision.batchBody(100);
            runs.warmUp("HTTP batch", () -> ClosedLoop.run(batch(drained("warm-b-"), warmBody), LedgerHttp::succeeded, 2, 4,
                    sizes.stepTimeout()));
        }
        int accountedConcurrency = sizes.batches().stream().filter(s -> s.size() == ACCOUNTED_BATCH_SIZE)
                .mapToInt(BenchSizes.BatchStep::concurrency).max().orElse(-1);
        List<Figure> figures = new ArrayList<>();
        for (BenchSizes.BatchStep step : sizes.batches()) {
            byte[] body = SampleDecision.batchBody(step.size());
            String name = step.size() + " per request, c=" + step.concurrency();
            String id = "batch.s" + step.size() + ".c" + step.concurrency() + ".";
            boolean reported = step.size() == ACCOUNTED_BATCH_SIZE && step.concurrency() == accountedConcurrency;
            List<Accounted<ClosedLoop.Result>> accounted = runs.repeat("HTTP batch " + name,
                    run -> accounted(reported, () -> ClosedLoop.run(batch("b" + step.size() + "c" + step.concurrency() + "-"
                            + run + "-", body), LedgerHttp::succeeded, step.concurrency(), step.requests(), sizes.stepTimeout())),
                    a -> Table.number(a.result().requestsPerSecond() * step.size()) + " decisions/s, errors "
                            + a.result().describeErrors() + a.describeAccount());
            List<ClosedLoop.Result> results = accounted.stream().map(Accounted::result).toList();
            figures.add(new Figure(id + "decisions_per_s", name,
                    "decisions/s", Summary.of(results, r -> r.requestsPerSecond() * step.size()),
                    Target.atLeast(BATCH_TARGET), Runs.errors(results, ClosedLoop.Result::errors)));
            if (reported) {
                figures.addAll(perEntry(id, "  ", accounted, Target.atMost(BATCH_RECORDS_TARGET)));
            }
        }
        return new BenchReport.Section("4. HTTP batch (record:batch), closed loop, this JVM's JDK HttpClient", figures);
    }

    /** Records written and dev-stack CPU per chained entry over accounted runs. */
    private static <R> List<Figure> perEntry(String id, String label, List<Accounted<R>> accounted, Target records) {
        return List.of(
                new Figure(id + "records_per_entry", label + "Kafka records written per entry (all topics, markers)",
                        "records", Summary.of(accounted, a -> a.account().recordsPerEntry()), records, 0),
                Figure.info(id + "streams_internal_records_per_entry", label + "  of which changelog + repartition",
                        "records", Summary.of(accounted, a -> a.account().streamsInternalPerEntry()), 0),
                Figure.info(id + "broker_internal_records_per_entry",
                        label + "  of which __consumer_offsets + __transaction_state", "records",
                        Summary.of(accounted, a -> a.account().brokerInternalPerEntry()), 0),
                Figure.info(id + "service_cpu_us_per_entry", label + "dev stack JVM's CPU per entry", "us",
                        Summary.of(accounted, a -> a.account().serviceCpuMicrosPerEntry()), 0));
    }

    private static List<Figure> loadLatencies(String id, String label, List<LoadResult> results) {
        return List.of(
                Figure.info(id + "p50_ms", label + "p50 latency", "ms", Summary.of(results, LoadResult::p50Ms), 0),
                Figure.info(id + "p99_ms", label + "p99 latency", "ms", Summary.of(results, LoadResult::p99Ms), 0),
                Figure.info(id + "max_ms", label + "max latency", "ms", Summary.of(results, LoadResult::maxMs), 0));
    }

    private List<Figure> cpuShares(String id, String label, List<LoadResult> results) {
        return List.of(
                Figure.info(id + "generator_cpu_share", label + "load generator's CPU, share of the machine", "%",
                        Summary.of(results, r -> 100 * r.generatorCpuShare(cores)), 0),
                Figure.info(id + "generator_cpu_us_per_request", label + "load generator's CPU per request", "us",
                        Summary.of(results, LoadResult::generatorCpuMicrosPerRequest), 0),
                Figure.info(id + "service_cpu_share", label + "dev stack JVM's CPU, share of the machine", "%",
                        Summary.of(results, r -> 100 * r.serviceCpuShare(cores)), 0));
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

    /** {@code figure} over bare Jetty's median ({@code NaN} when the baselines did not run). */
    private Summary ratioToPing(Summary figure) {
        return figure.scaled(ping == null ? Double.NaN : 1 / ping.median());
    }

    /** One closed-loop run of the load generator, with the dev stack's CPU time during it. */
    private LoadResult load(LoadRequest request, int concurrency) throws Exception {
        long before = cpu.childNanos();
        LoadResult result = generator.closedLoop(request, concurrency, sizes.httpStep());
        long after = cpu.childNanos();
        return result.withServiceCpu(before < 0 || after < 0 ? -1 : after - before);
    }

    /**
     * Runs {@code load} once the backlog is drained and, if {@code account}, between two
     * accounting marks (the second once the load's own backlog is drained too).
     */
    private <R> Accounted<R> accounted(boolean account, Callable<R> load) throws Exception {
        drained("");
        if (!account) {
            return new Accounted<>(load.call(), null);
        }
        EntryAccounting.Mark mark = accounting.mark();
        R result = load.call();
        drained("");
        return new Accounted<>(result, accounting.since(mark));
    }

    /** A result with this JVM's CPU time and the wall time it took. */
    private record CpuTimed<R>(R result, long cpuNanos, long wallNanos) {
        double share(int cores) {
            return cpuNanos < 0 || wallNanos <= 0 ? Double.NaN : cpuNanos / ((double) wallNanos * cores);
        }
    }

    private static <R> CpuTimed<R> cpuTimed(Callable<R> work) throws Exception {
        long cpuBefore = CpuClock.ownNanos();
        long started = System.nanoTime();
        R result = work.call();
        long wall = System.nanoTime() - started;
        long cpuAfter = CpuClock.ownNanos();
        return new CpuTimed<>(result, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, wall);
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

    /** @return a run's idempotency-key prefix, unique to this benchmark */
    private String key(String run) {
        return run + "-" + nonce;
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
