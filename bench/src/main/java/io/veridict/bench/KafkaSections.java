package io.veridict.bench;

import io.veridict.streams.topics.LedgerTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements on Kafka itself: the raw producer baseline (1), the chain throughput (2)
 * and the replay comparison (5). Stateful: call {@link #producer}, {@link #chain},
 * {@link #replay} in that order; the chain's ratio needs the producer's median and the replay
 * reads the topics of the last chain run.
 */
final class KafkaSections {

    /** Verifier vs raw consumer: the replay's target (the chain's are its workload's). */
    static final double RATIO_TARGET = 0.5;

    /** Decisions per command in the grouped chain section (2b). */
    static final int GROUP_SIZE = 100;

    private final CpuClock cpu;
    private final BenchSizes sizes;
    private final Runs runs;
    private final ProducerBaseline producer;
    private final ChainThroughput chain;
    private final ReplayComparison replay;
    private final int commandBytes;
    private final long commitIntervalMs;
    private final String nonce = Long.toString(System.currentTimeMillis(), 36);
    private Summary producerRate;
    private Summary producerCpu;
    private LedgerTopics chained;
    private long chainedEntries;

    KafkaSections(BenchSizes sizes, Runs runs, ProducerBaseline producer, ChainThroughput chain, ReplayComparison replay,
                  int commandBytes, long commitIntervalMs, CpuClock cpu) {
        this.cpu = cpu;
        this.sizes = sizes;
        this.runs = runs;
        this.producer = producer;
        this.chain = chain;
        this.replay = replay;
        this.commandBytes = commandBytes;
        this.commitIntervalMs = commitIntervalMs;
    }

    /** 1. Raw producer records/s, each run on a fresh topic. */
    BenchReport.Section producer() throws Exception {
        if (sizes.producerWarmup() > 0) {
            runs.warmUp("raw producer", () -> producer.run("bench-raw-0-" + nonce, sizes.producerWarmup(), sizes.stepTimeout()));
            runs.settle("raw producer warm-up", cpu);
        }
        List<ProducerBaseline.Result> results = runs.repeat("raw producer",
                run -> producer.run("bench-raw-" + run + "-" + nonce, sizes.producerRecords(), sizes.stepTimeout()),
                r -> Table.number(r.recordsPerSecond()) + " records/s");
        producerRate = Summary.of(results, ProducerBaseline.Result::recordsPerSecond);
        producerCpu = Summary.of(results, ProducerBaseline.Result::cpuMicros);
        return new BenchReport.Section(String.format(Locale.ROOT,
                "1. raw producer: %,d records of %d B per run, acks=all, idempotent, linger 5 ms, lz4, 3 partitions",
                sizes.producerRecords(), commandBytes), List.of(Figure.info("producer.records_per_s", "raw producer",
                "records/s", producerRate, Runs.errors(results, ProducerBaseline.Result::errors)),
                Figure.info("producer.cpu_us_per_record", "CPU per record, both JVMs", "us", producerCpu, 0)));
    }

    /** 2. Chain entries/s of single-decision commands: the chain figures ({@code chain.*}) and the replay's topics. */
    BenchReport.Section chain() throws Exception {
        return chain(ChainWorkload.singleDecisions(), "2");
    }

    /** 2b. Chain entries/s of commands of 100 decisions, as a producer writing the commands topic sends a batch. */
    BenchReport.Section chainGroups() throws Exception {
        return chain(ChainWorkload.decisionGroups(GROUP_SIZE), "2b");
    }

    /**
     * A chain section: entries/s of a backlog of {@code workload}'s commands, each run on a fresh
     * topic set, with the stream thread's own account and the records written per entry. The
     * first section run this way gives the replay (5) its topics. Another workload (e.g. batch
     * commands straight to Kafka, see {@link ChainWorkload}) is one more call with its own number.
     */
    BenchReport.Section chain(ChainWorkload workload, String number) throws Exception {
        String id = workload.idPrefix() + ".";
        String name = workload.idPrefix();
        if (sizes.chainWarmup() > 0) {
            runs.warmUp(name, () -> chain.run("bench-0-" + nonce + "-" + name + ".", workload,
                    commandsFor(workload, sizes.chainWarmup()), sizes.stepTimeout()));
            runs.settle(name + " warm-up", cpu);
        }
        List<ChainThroughput.Result> results = runs.repeat(name,
                run -> chain.run("bench-" + run + "-" + nonce + "-" + name + ".", workload,
                        commandsFor(workload, sizes.chainCommands()), sizes.stepTimeout()),
                r -> Table.number(r.entriesPerSecond()) + " entries/s (first outcome after "
                        + Table.number(r.startupMillis()) + " ms); " + Table.number(r.recordsPerEntry())
                        + " records written per entry; " + r.written().describe(r.entries()));
        if (chained == null) {
            chained = results.get(results.size() - 1).topics();
            chainedEntries = results.get(results.size() - 1).entries();
        }
        Summary rate = Summary.of(results, ChainThroughput.Result::entriesPerSecond);
        Summary chainCpu = Summary.of(results, ChainThroughput.Result::cpuMicros);
        return new BenchReport.Section(String.format(Locale.ROOT,
                "%s. chain throughput: backlog of %,d %s, production topology in the bench JVM, "
                        + "exactly-once v2, commit interval %d ms", number, commandsFor(workload, sizes.chainCommands()),
                workload.description(),
                commitIntervalMs), List.of(
                new Figure(id + "entries_per_s", "chain, start -> M outcomes", "entries/s", rate,
                        workload.targets().entriesPerSecond(), Runs.errors(results, ChainThroughput.Result::errors)),
                new Figure(id + "ratio_to_producer", "ratio to raw producer", "x", rate.scaled(1 / producerRate.median()),
                        workload.targets().ratioToProducer(), 0),
                new Figure(id + "records_per_entry", "Kafka records written per entry (all topics, markers)", "records",
                        Summary.of(results, ChainThroughput.Result::recordsPerEntry), workload.targets().recordsPerEntry(), 0),
                Figure.info(id + "streams_internal_records_per_entry", "  of which changelog + repartition", "records",
                        Summary.of(results, r -> RecordsWritten.perEntry(r.written().streamsInternal(), r.entries())), 0),
                Figure.info(id + "broker_internal_records_per_entry", "  of which __consumer_offsets + __transaction_state",
                        "records", Summary.of(results, r -> RecordsWritten.perEntry(r.written().brokerInternal(), r.entries())), 0),
                Figure.info(id + "cpu_us_per_entry", "CPU per entry, both JVMs", "us", chainCpu, 0),
                Figure.info(id + "broker_cpu_us_per_entry", "of which the dev stack JVM (broker)", "us",
                        Summary.of(results, ChainThroughput.Result::brokerCpuMicros), 0),
                new Figure(id + "cpu_ratio_to_record", "CPU per entry / CPU per raw record", "x",
                        chainCpu.scaled(1 / producerCpu.median()), workload.targets().cpuRatio(), 0),
                Figure.info(id + "steady_entries_per_s", "chain, first -> last outcome", "entries/s",
                        Summary.of(results, ChainThroughput.Result::steadyEntriesPerSecond), 0),
                Figure.info(id + "startup_ms", "start -> first outcome", "ms",
                        Summary.of(results, ChainThroughput.Result::startupMillis), 0),
                Figure.info(id + "process_ms_per_entry", "stream thread: processing per entry", "ms",
                        Summary.of(results, r -> r.thread().processMillis()), 0),
                Figure.info(id + "process_share", "stream thread: share of time processing", "x",
                        Summary.of(results, r -> r.thread().processShare()), 0),
                Figure.info(id + "commit_share", "stream thread: share of time committing", "x",
                        Summary.of(results, r -> r.thread().commitShare()), 0),
                Figure.info(id + "commit_ms", "stream thread: time per commit", "ms",
                        Summary.of(results, r -> r.thread().commitMillis()), 0),
                Figure.info(id + "entries_per_commit", "entries per transaction", "entries",
                        Summary.of(results, r -> r.entries() / r.thread().commits()), 0)));
    }

    /** Commands of {@code workload} that make about {@code entries} entries (at least one). */
    private static int commandsFor(ChainWorkload workload, int entries) {
        return Math.max(1, entries / workload.decisionsPerCommand());
    }

    /** 5. Raw consumer records/s against the verifier, on the last chain run's topics; each run does both. */
    BenchReport.Section replay() throws Exception {
        long entries = chainedEntries;
        if (sizes.chainWarmup() > 0) {
            runs.warmUp("replay", () -> {
                replay.raw(chained);
                return replay.verify(chained, entries);
            });
        }
        List<ReplayComparison.Raw> raw = new ArrayList<>();
        List<ReplayComparison.Verified> verified = runs.repeat("replay", run -> {
            raw.add(replay.raw(chained));
            return replay.verify(chained, entries);
        }, v -> Table.number(raw.get(raw.size() - 1).recordsPerSecond()) + " raw records/s, verifier "
                + Table.number(v.entriesPerSecond()) + " entries/s");
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ratios.add(verified.get(i).recordsPerSecond() / raw.get(i).recordsPerSecond());
        }
        return new BenchReport.Section(String.format(Locale.ROOT,
                "5. verify replay vs raw consumer: entries + payloads of the last chain run (%,d + %,d records)",
                entries, entries), List.of(
                Figure.info("replay.raw_records_per_s", "raw consumer, entries + payloads", "records/s",
                        Summary.of(raw, ReplayComparison.Raw::recordsPerSecond), 0),
                Figure.info("replay.verifier_entries_per_s", "TopicReplayVerifier", "entries/s",
                        Summary.of(verified, ReplayComparison.Verified::entriesPerSecond),
                        Runs.errors(verified, ReplayComparison.Verified::errors)),
                Figure.info("replay.verifier_records_per_s", "TopicReplayVerifier, entries + payloads", "records/s",
                        Summary.of(verified, ReplayComparison.Verified::recordsPerSecond), 0),
                new Figure("replay.ratio_to_raw", "ratio to raw consumer (records/s)", "x", Summary.of(ratios),
                        Target.atLeast(RATIO_TARGET), 0)));
    }
}
