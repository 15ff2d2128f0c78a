package io.veridict.bench;

import io.veridict.schemas.avro.LedgerCommand;

/**
 * What the backlog of a chain run ({@link ChainThroughput}) is made of, and how its figures are
 * named: one decision per command, as {@code POST /v1/decisions/record} sends without grouping;
 * or a {@code DecisionGroup} of several decisions per command, as a producer writing the
 * commands topic directly sends a batch. A run chains about as many entries either way.
 *
 * @param description         for the section title, e.g. {@code "single-decision commands"}
 * @param idPrefix            the figures' id prefix, e.g. {@code chain}
 * @param decisionsPerCommand entries one chained command makes
 * @param commands            builds the commands
 * @param targets             what its figures are judged against
 */
record ChainWorkload(String description, String idPrefix, int decisionsPerCommand, Commands commands, Targets targets) {

    /**
     * The workload's targets; {@code null} where a figure is information only.
     *
     * @param ratioToProducer entries/s ÷ the raw producer's records/s, at least
     * @param entriesPerSecond entries/s, at least
     * @param cpuRatio        CPU per entry ÷ CPU per raw record, at most
     * @param recordsPerEntry Kafka records written per entry, at most
     */
    record Targets(Target ratioToProducer, Target entriesPerSecond, Target cpuRatio, Target recordsPerEntry) {
    }

    /** Builds command {@code i} of a backlog. */
    @FunctionalInterface
    interface Commands {
        LedgerCommand command(String tenant, String idempotencyKey, int i);
    }

    ChainWorkload {
        if (decisionsPerCommand < 1) {
            throw new IllegalArgumentException("decisionsPerCommand must be >= 1, got " + decisionsPerCommand);
        }
    }

    /** {@code size} {@link SampleDecision}s per command, as one atomic group: the figures {@code chain_group<size>.*}. */
    static ChainWorkload decisionGroups(int size) {
        return new ChainWorkload("commands of " + size + " decisions (atomic groups)", "chain_group" + size, size,
                (tenant, key, i) -> SampleDecision.group(tenant, key, size),
                new Targets(Target.atLeast(0.10), Target.atLeast(30_000), Target.atMost(6), Target.atMost(1.2)));
    }

    /** One {@link SampleDecision} per command: the figures {@code chain.*}. */
    static ChainWorkload singleDecisions() {
        return new ChainWorkload("single-decision commands", "chain", 1, (tenant, key, i) -> SampleDecision.command(tenant, key),
                new Targets(Target.atLeast(0.10), null, Target.atMost(8), null));
    }
}
