package io.veridict.bench;

import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.topics.LedgerTopics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Every measurement against one running dev stack, in an order that keeps them from disturbing
 * each other: Kafka first (the service idle), the replay right after the chain run that wrote
 * its topics, then the API. The sections come back in report order.
 */
final class Measurements {

    private final KafkaSections kafka;
    private final HttpSections http;
    private final BenchSizes sizes;
    private final Runs repeated;
    private final ProofLatency proofs;

    /**
     * @param stack          the running dev stack
     * @param admin          an admin client of its broker
     * @param registry       a client of its registry
     * @param commandPool    serialized commands for the raw producer
     * @param commandBytes   their average size
     * @param stateRoot      where the chain measurement's Streams keep their state
     * @param commitInterval the chain measurement's commit interval
     * @param serviceGroup   the service's Streams application id, to see its backlog
     * @param generator      what drives the closed-loop HTTP load
     */
    Measurements(BenchSizes sizes, int runs, PrintStream log, DevStack stack, Admin admin, SchemaRegistryClient registry,
                 List<byte[]> commandPool, int commandBytes, Path stateRoot, Duration commitInterval, String serviceGroup,
                 LoadGenerator generator) throws java.io.IOException, InterruptedException {
        LedgerHttp ledgerHttp = new LedgerHttp(stack.apiUrl(), stack.adminUrl(), stack.operatorToken(Duration.ofMinutes(2)));
        ledgerHttp.provision(SampleDecision.TENANTS);
        Runs repeated = new Runs(runs, log);
        this.sizes = sizes;
        this.repeated = repeated;
        // Filling ten million entries takes minutes on two cores: its own, longer limit.
        this.proofs = new ProofLatency(admin, stack.bootstrapServers(), stateRoot, sizes.stepTimeout().multipliedBy(10));
        CpuClock cpu = new CpuClock(stack.handle());
        KafkaOffsets offsets = new KafkaOffsets(admin);
        this.kafka = new KafkaSections(sizes, repeated,
                new ProducerBaseline(admin, stack.bootstrapServers(), commandPool, cpu),
                new ChainThroughput(admin, stack.bootstrapServers(), LedgerSerdes.confluent(registry), stateRoot, commitInterval,
                        cpu, offsets),
                new ReplayComparison(stack.bootstrapServers(), registry, sizes.stepTimeout()),
                commandBytes, commitInterval.toMillis(), cpu);
        this.http = new HttpSections(sizes, repeated, ledgerHttp, new ServiceBacklog(admin, serviceGroup,
                LedgerTopics.standard(Benchmark.DEV_TOPIC_PREFIX, 1, (short) 1, 1).commands().name()), generator,
                new EntryAccounting(offsets, ledgerHttp::chainedEntries, cpu), cpu);
    }

    /** @return the sections {@code only} asks for, in report order */
    List<BenchReport.Section> run(BenchOptions.Group only) throws Exception {
        List<BenchReport.Section> sections = new ArrayList<>();
        BenchReport.Section replay = null;
        if (only.kafka()) {
            sections.add(kafka.producer());
            sections.add(kafka.chain());
            replay = kafka.replay();
            sections.add(kafka.chainGroups());
        }
        if (only.http()) {
            sections.add(http.baselines());
            sections.add(http.evaluation());
            sections.add(http.single());
            sections.add(http.openLoop());
            sections.add(http.hotTenant());
            sections.add(http.batches());
        }
        if (replay != null) {
            sections.add(replay);
        }
        if (only.proofs()) {
            sections.add(proofs());
        }
        return sections;
    }

    /** 6: proof latency over one tenant of {@code proofLeaves} entries, p50 and p99 per run. */
    private BenchReport.Section proofs() throws Exception {
        try (ProofLatency.Tree tree = proofs.build(sizes.proofLeaves())) {
            repeated.warmUp("proofs", () -> tree.measure(sizes.proofQueries(), 1));
            long[] seed = {100};
            List<ProofLatency.Result> results = repeated.repeat("proofs", run -> tree.measure(sizes.proofQueries(), seed[0]++),
                    r -> String.format(java.util.Locale.ROOT, "inclusion p99 %.2f ms, consistency p99 %.2f ms",
                            r.inclusionP99(), r.consistencyP99()));
            long errors = Runs.errors(results, ProofLatency.Result::errors);
            return new BenchReport.Section(String.format(java.util.Locale.ROOT,
                    "6. proofs: one tenant of %,d entries in the chain's stores (filled in %.0f s), %,d random questions of each"
                            + " kind per run, read through interactive queries as the API reads them",
                    tree.leaves, tree.fillSeconds, sizes.proofQueries()), List.of(
                    Figure.info("proofs.inclusion_p50_ms", "inclusion proof + leaf + root, p50", "ms",
                            Summary.of(results, ProofLatency.Result::inclusionP50), 0),
                    new Figure("proofs.inclusion_p99_ms", "inclusion proof + leaf + root, p99", "ms",
                            Summary.of(results, ProofLatency.Result::inclusionP99), Target.atMost(PROOF_P99_MS), errors),
                    Figure.info("proofs.consistency_p50_ms", "consistency proof + both roots, p50", "ms",
                            Summary.of(results, ProofLatency.Result::consistencyP50), 0),
                    new Figure("proofs.consistency_p99_ms", "consistency proof + both roots, p99", "ms",
                            Summary.of(results, ProofLatency.Result::consistencyP99), Target.atMost(PROOF_P99_MS), 0)));
        }
    }

    /** Target of figure 6: p99 of either proof at ten million entries. */
    static final double PROOF_P99_MS = 5.0;
}
