package io.veridict.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.veridict.streams.topics.LedgerTopics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How Veridict reaches Kafka and how its topics are shaped.
 *
 * <p>{@code clientProperties} are passed to every Kafka client (admin, producers,
 * Streams): put security settings ({@code security.protocol}, SASL, TLS) there, with
 * secrets from {@code ${ENV}} substitution, never in plain text.
 */
public class KafkaFactory {

    /** Kafka bootstrap servers. Default: {@code localhost:9092}. */
    @NotBlank
    private String bootstrapServers = "localhost:9092";

    /** Prefix of every Veridict topic name. Default: {@code veridict.}. */
    @NotNull
    @Pattern(regexp = "[a-zA-Z0-9._-]*")
    private String topicPrefix = "veridict.";

    /** Partitions of the tenant-partitioned topics. Default: 6. */
    @Min(1)
    @Max(10_000)
    private int partitions = 6;

    /** Replication factor of every topic. Default: 3. */
    @Min(1)
    @Max(32)
    private short replicationFactor = 3;

    /** {@code min.insync.replicas} of every topic. Default: 2. */
    @Min(1)
    @Max(32)
    private int minInsyncReplicas = 2;

    /** How long admin operations (topic creation, health probes) may take. Default: 30 s. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration adminTimeout = Duration.seconds(30);

    /** Extra properties for every Kafka client. Default: none. */
    @NotNull
    private Map<String, String> clientProperties = new HashMap<>();

    @JsonProperty
    public String getBootstrapServers() {
        return bootstrapServers;
    }

    @JsonProperty
    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @JsonProperty
    public String getTopicPrefix() {
        return topicPrefix;
    }

    @JsonProperty
    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    @JsonProperty
    public int getPartitions() {
        return partitions;
    }

    @JsonProperty
    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    @JsonProperty
    public short getReplicationFactor() {
        return replicationFactor;
    }

    @JsonProperty
    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    @JsonProperty
    public int getMinInsyncReplicas() {
        return minInsyncReplicas;
    }

    @JsonProperty
    public void setMinInsyncReplicas(int minInsyncReplicas) {
        this.minInsyncReplicas = minInsyncReplicas;
    }

    @JsonProperty
    public Duration getAdminTimeout() {
        return adminTimeout;
    }

    @JsonProperty
    public void setAdminTimeout(Duration adminTimeout) {
        this.adminTimeout = adminTimeout;
    }

    @JsonProperty
    public Map<String, String> getClientProperties() {
        return clientProperties;
    }

    @JsonProperty
    public void setClientProperties(Map<String, String> clientProperties) {
        this.clientProperties = clientProperties;
    }

    /** {@code min.insync.replicas} cannot exceed the replication factor. */
    @jakarta.validation.constraints.AssertTrue(message = "minInsyncReplicas must not exceed replicationFactor")
    public boolean isMinIsrWithinReplication() {
        return minInsyncReplicas <= replicationFactor;
    }

    public LedgerTopics topics() {
        return LedgerTopics.standard(topicPrefix, partitions, replicationFactor, minInsyncReplicas);
    }

    /** Properties shared by every client: bootstrap servers plus {@code clientProperties}. */
    public Map<String, Object> commonClientProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public Admin buildAdmin(String clientId) {
        Map<String, Object> props = commonClientProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) adminTimeout.toMilliseconds());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(adminTimeout.toMilliseconds(), 15_000));
        return Admin.create(props);
    }
}
