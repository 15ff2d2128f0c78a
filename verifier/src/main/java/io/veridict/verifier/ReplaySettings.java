package io.veridict.verifier;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What a {@link TopicReplayVerifier} reads and how long it waits.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param entriesTopic      the entries topic, e.g. {@code veridict.entries}
 * @param payloadsTopic     the payloads topic, e.g. {@code veridict.payloads}
 * @param tenants           tenants to verify; empty means every tenant found
 * @param timeout           how long to wait for Kafka: for metadata and offsets, and for the
 *                          next record while a partition is not read to its end offset
 * @param consumerOverrides extra consumer configs (e.g. {@code security.protocol}, SASL); they
 *                          cannot change isolation, auto commit or the group
 * @param checkpointsTopicOrNull the ledger's signed checkpoints, checked against the replayed trees when a
 *                          verifier key is given; null to read none
 */
public record ReplaySettings(String bootstrapServers, String entriesTopic, String payloadsTopic, Set<String> tenants,
                             Duration timeout, Map<String, Object> consumerOverrides, String checkpointsTopicOrNull) {

    /** Settings that read no checkpoints topic. */
    public ReplaySettings(String bootstrapServers, String entriesTopic, String payloadsTopic, Set<String> tenants,
                          Duration timeout, Map<String, Object> consumerOverrides) {
        this(bootstrapServers, entriesTopic, payloadsTopic, tenants, timeout, consumerOverrides, null);
    }

    /** Default {@link #timeout()}: 15 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public ReplaySettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(entriesTopic, "entriesTopic");
        Objects.requireNonNull(payloadsTopic, "payloadsTopic");
        tenants = Set.copyOf(tenants);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        consumerOverrides = Map.copyOf(consumerOverrides);
    }

    /**
     * Every tenant of the standard topics under {@code topicPrefix}, the default timeout.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param topicPrefix      e.g. {@code veridict.}
     * @return the settings
     */
    public static ReplaySettings forPrefix(String bootstrapServers, String topicPrefix) {
        // The standard topic names (the service's LedgerTopics.standard).
        return new ReplaySettings(bootstrapServers, topicPrefix + "entries", topicPrefix + "payloads", Set.of(),
                DEFAULT_TIMEOUT, Map.of(), topicPrefix + "checkpoints");
    }

    /** @return a copy verifying only these tenants (none: every tenant) */
    public ReplaySettings withTenants(Collection<String> only) {
        return new ReplaySettings(bootstrapServers, entriesTopic, payloadsTopic, new TreeSet<>(only), timeout,
                consumerOverrides, checkpointsTopicOrNull);
    }

    /** @return a copy with this timeout */
    public ReplaySettings withTimeout(Duration wait) {
        return new ReplaySettings(bootstrapServers, entriesTopic, payloadsTopic, tenants, wait, consumerOverrides,
                checkpointsTopicOrNull);
    }

    /** @return a copy with these extra consumer configs */
    public ReplaySettings withConsumerOverrides(Map<String, Object> overrides) {
        return new ReplaySettings(bootstrapServers, entriesTopic, payloadsTopic, tenants, timeout, overrides,
                checkpointsTopicOrNull);
    }

    /** @return whether {@code tenantId} is to be verified */
    public boolean includes(String tenantId) {
        return tenants.isEmpty() || tenants.contains(tenantId);
    }

    /** The consumer's configs: no group, no commits, committed records only. */
    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(consumerOverrides);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "veridict-verify");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // Every partition is read to a known end offset, so a fetch never needs to wait for more.
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return config;
    }
}
