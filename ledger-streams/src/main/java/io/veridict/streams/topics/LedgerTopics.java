package io.veridict.streams.topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Veridict's topics, built from configuration.
 *
 * <ul>
 *   <li>{@code commands}: what producers ask for, keyed by tenant; kept for a bounded time.</li>
 *   <li>{@code entries}: chained entry headers, keyed by (tenant, seq); kept forever.</li>
 *   <li>{@code payloads}: payload envelopes, keyed by (tenant, seq); compacted so that
 *       retention can erase a payload with a tombstone.</li>
 *   <li>{@code checkpoints}: signed tree heads; kept forever.</li>
 *   <li>{@code receipts}: the outcome of every command, keyed by tenant, for the API to
 *       answer producers; kept for a day.</li>
 *   <li>{@code deadLetter}: records that could not be read or were rejected, with the
 *       reason in headers.</li>
 *   <li>{@code access}: tenants and API keys (HMACs of secrets, never secrets), keyed by
 *       {@code tenant/<id>}, {@code key/<id>}, {@code tenant-key/<tenant>/<id>}; compacted, and
 *       read whole by every service instance.</li>
 * </ul>
 *
 * The commands, entries and payloads topics MUST have the same partition count: a
 * tenant's records are co-partitioned across them.
 */
public record LedgerTopics(TopicSpec commands, TopicSpec entries, TopicSpec payloads,
                           TopicSpec checkpoints, TopicSpec receipts, TopicSpec deadLetter, TopicSpec access) {

    /** How long commands are kept once chained: 7 days. */
    public static final long COMMANDS_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /** How long command outcomes are kept: 1 day. */
    public static final long RECEIPTS_RETENTION_MS = 24L * 60 * 60 * 1000;
    /** How long dead-letter records are kept: 30 days. */
    public static final long DEAD_LETTER_RETENTION_MS = 30L * 24 * 60 * 60 * 1000;

    public LedgerTopics {
        if (commands.partitions() != entries.partitions() || commands.partitions() != payloads.partitions()) {
            throw new IllegalArgumentException("commands, entries and payloads topics must have the same "
                    + "partition count (co-partitioned by tenant), got " + commands.partitions() + ", "
                    + entries.partitions() + ", " + payloads.partitions());
        }
    }

    /**
     * The standard topic set.
     *
     * @param prefix            prefix of every name, e.g. {@code "veridict."}
     * @param partitions        partitions of the tenant-partitioned topics
     * @param replicationFactor replication factor of every topic
     * @param minInsyncReplicas {@code min.insync.replicas} of every topic
     */
    public static LedgerTopics standard(String prefix, int partitions, short replicationFactor, int minInsyncReplicas) {
        String minIsr = Integer.toString(minInsyncReplicas);
        return new LedgerTopics(
                new TopicSpec(prefix + "commands", partitions, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_DELETE, COMMANDS_RETENTION_MS)),
                new TopicSpec(prefix + "entries", partitions, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_DELETE, -1)),
                new TopicSpec(prefix + "payloads", partitions, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_COMPACT, -1)),
                new TopicSpec(prefix + "checkpoints", partitions, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_DELETE, -1)),
                new TopicSpec(prefix + "receipts", partitions, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_DELETE, RECEIPTS_RETENTION_MS)),
                new TopicSpec(prefix + "dead-letter", 1, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_DELETE, DEAD_LETTER_RETENTION_MS)),
                new TopicSpec(prefix + "access", 1, replicationFactor, configs(minIsr,
                        TopicConfig.CLEANUP_POLICY_COMPACT, -1)));
    }

    public List<TopicSpec> all() {
        return List.of(commands, entries, payloads, checkpoints, receipts, deadLetter, access);
    }

    private static Map<String, String> configs(String minIsr, String cleanupPolicy, long retentionMs) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        c.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy)) {
            c.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        }
        return c;
    }
}
