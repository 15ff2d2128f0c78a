package io.veridict.api.cli.bench;

import io.veridict.schemas.avro.LedgerCommand;

/**
 * What the backlog of a chain run ({@link ChainThroughput}) is made of, and how its figures are
 * named. Today one kind: one decision per command, as {@code POST /v1/decisions/record} sends.
 *
 * <p>This is where batch commands straight to Kafka plug in: once the Avro contract has a
 * {@code DecisionGroup} command body (several decisions of one tenant in one
 * {@code LedgerCommand}), a {@code decisionGroups(size)} workload builds such commands
 * ({@code decisionsPerCommand = size}, id prefix e.g. {@code chain.group100}), and
 * {@link KafkaSections#chain(ChainWorkload, String)} with it is one more section in
 * {@link Measurements}. {@link ChainThroughput} then counts {@code decisionsPerCommand}
 * entries per chained outcome: check that against how the chain answers a group (one outcome
 * per command is assumed).
 *
 * @param description         for the section title, e.g. {@code "single-decision commands"}
 * @param idPrefix            the figures' id prefix, e.g. {@code chain}
 * @param decisionsPerCommand entries one chained command makes
 * @param commands            builds the commands
 */
record ChainWorkload(String description, String idPrefix, int decisionsPerCommand, Commands commands) {

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

    /** One {@link SampleDecision} per command: the figures {@code chain.*}. */
    static ChainWorkload singleDecisions() {
        return new ChainWorkload("single-decision commands", "chain", 1, (tenant, key, i) -> SampleDecision.command(tenant, key));
    }
}
