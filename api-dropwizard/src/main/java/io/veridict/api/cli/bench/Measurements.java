package io.veridict.api.cli.bench;

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
            sections.add(http.single());
            sections.add(http.openLoop());
            sections.add(http.hotTenant());
            sections.add(http.batches());
        }
        if (replay != null) {
            sections.add(replay);
        }
        return sections;
    }
}
