package io.veridict.api.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import io.veridict.streams.LedgerStreamsConfig;
import io.veridict.streams.topics.LedgerTopics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings of the ledger topology. Exactly-once ({@code exactly_once_v2})
 * is not a setting: the chain depends on it.
 */
public class StreamsFactory {

    /** Streams application id (consumer group and internal topic prefix). Default: {@code veridict-ledger}. */
    @NotBlank
    private String applicationId = "veridict-ledger";

    /** Folder for RocksDB state stores. Default: {@code ./.veridict/streams}. */
    @NotBlank
    private String stateDir = ".veridict/streams";

    /** Stream threads per instance. Default: 1. */
    @Min(1)
    @Max(64)
    private int numStreamThreads = 1;

    /** Standby replicas of each state store, for fast fail-over. Default: 0. */
    @Min(0)
    @Max(8)
    private int numStandbyReplicas = 0;

    /** Transaction commit interval. Default: 100 ms. */
    @NotNull
    private Duration commitInterval = Duration.milliseconds(100);

    /** Replication factor of internal (changelog, repartition) topics. Default: 3. */
    @Min(1)
    @Max(32)
    private int replicationFactor = 3;

    /**
     * This instance's API base URL as other instances and clients reach it, e.g.
     * {@code http://veridict-1:8080}. Required when several instances share the ledger: it
     * becomes {@code application.server}, and reads for a tenant another instance owns are
     * redirected there. Default: empty (a single instance).
     */
    @NotNull
    @Pattern(regexp = "|https?://[^/?#]+:[0-9]{1,5}")
    private String advertisedUrl = "";

    /**
     * This instance's name in the Streams consumer group ({@code group.instance.id}, static
     * membership): an instance that restarts under the same name gets its tasks back at once,
     * instead of waiting for the group to time out the member it was before a crash. Names must
     * differ between instances. Default: empty, a name generated once and kept in the state
     * folder ({@link InstanceName}).
     */
    @NotNull
    @Pattern(regexp = "|[A-Za-z0-9._-]{1,200}")
    private String instanceId = "";

    /**
     * How long the group waits for a silent instance before its tasks move to another
     * ({@code session.timeout.ms}); heartbeats go every sixth of it. Brokers accept 6 s to 30 min
     * by default ({@code group.min.session.timeout.ms}). Default: 6 s.
     */
    @NotNull
    private Duration sessionTimeout = Duration.seconds(6);

    /**
     * How long a transaction may stay open ({@code transaction.timeout.ms}). When an instance
     * dies, the transaction it had open holds back whoever takes over its partitions until the
     * broker aborts it: this long, plus up to the broker's
     * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (10 s by default). It
     * must exceed the commit interval by far. Default: 5 s.
     */
    @NotNull
    private Duration transactionTimeout = Duration.seconds(5);

    /** Extra Streams properties. Default: none. */
    @NotNull
    private Map<String, String> properties = new HashMap<>();

    @JsonProperty
    public String getApplicationId() {
        return applicationId;
    }

    @JsonProperty
    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    @JsonProperty
    public String getStateDir() {
        return stateDir;
    }

    @JsonProperty
    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    @JsonProperty
    public int getNumStreamThreads() {
        return numStreamThreads;
    }

    @JsonProperty
    public void setNumStreamThreads(int numStreamThreads) {
        this.numStreamThreads = numStreamThreads;
    }

    @JsonProperty
    public int getNumStandbyReplicas() {
        return numStandbyReplicas;
    }

    @JsonProperty
    public void setNumStandbyReplicas(int numStandbyReplicas) {
        this.numStandbyReplicas = numStandbyReplicas;
    }

    @JsonProperty
    public Duration getCommitInterval() {
        return commitInterval;
    }

    @JsonProperty
    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    @JsonProperty
    public int getReplicationFactor() {
        return replicationFactor;
    }

    @JsonProperty
    public void setReplicationFactor(int replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    @JsonProperty
    public String getAdvertisedUrl() {
        return advertisedUrl;
    }

    @JsonProperty
    public void setAdvertisedUrl(String advertisedUrl) {
        // An unset ${VERIDICT_ADVERTISED_URL:-} leaves the YAML value empty, which reads as null.
        this.advertisedUrl = advertisedUrl == null ? "" : advertisedUrl.strip();
    }

    /** This instance as Streams metadata names it, when an advertised URL is set. */
    public Optional<HostInfo> advertisedHost() {
        if (advertisedUrl.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(advertisedUrl);
        return Optional.of(new HostInfo(uri.getHost(), uri.getPort()));
    }

    @JsonProperty
    public String getInstanceId() {
        return instanceId;
    }

    @JsonProperty
    public void setInstanceId(String instanceId) {
        // An unset ${VERIDICT_INSTANCE_ID:-} leaves the YAML value empty, which reads as null.
        this.instanceId = instanceId == null ? "" : instanceId.strip();
    }

    @JsonProperty
    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    @JsonProperty
    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    /** A transaction must be able to outlive its commit interval many times over. */
    @JsonIgnore
    @ValidationMethod(message = "transactionTimeout must be at least 10 times commitInterval and at least 1s")
    public boolean isTransactionTimeoutLongEnough() {
        long timeout = transactionTimeout.toMilliseconds();
        return timeout >= 1000 && timeout >= 10 * commitInterval.toMilliseconds();
    }

    @JsonProperty
    public Duration getTransactionTimeout() {
        return transactionTimeout;
    }

    @JsonProperty
    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    @JsonProperty
    public Map<String, String> getProperties() {
        return properties;
    }

    @JsonProperty
    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /**
     * The Streams properties for {@code kafka}'s cluster. {@code properties} may add
     * settings but cannot weaken what the topology requires ({@link LedgerStreamsConfig}).
     */
    public Properties streamsProperties(KafkaFactory kafka, LedgerTopics topics) {
        Properties p = new Properties();
        p.putAll(kafka.commonClientProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMilliseconds());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        // A record waits at most this long in an idle poll before it is chained (default 100 ms).
        p.put(StreamsConfig.POLL_MS_CONFIG, 10L);
        // A chain task reads two partitions whose records do not depend on each other's order (the
        // commands, and the payloads topic it projects): it processes what it has buffered instead
        // of waiting for the other partition, and Streams then builds no log text per record while
        // one of them is empty.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // A commit's records for one partition go out in one or a few batches instead of one per
        // 16 KiB (the default, about 16 payloads): each produce request costs the broker a log
        // append, a write call and a response. Streams' linger (100 ms) already exceeds the commit
        // interval, so batches are sent when full or when the transaction commits.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // Static membership: Streams adds "-<thread>" to the name for each stream thread's consumer.
        String instance = instanceId.isEmpty() ? InstanceName.keptIn(Path.of(stateDir), applicationId) : instanceId;
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
        long session = sessionTimeout.toMilliseconds();
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(500, session / 6));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) transactionTimeout.toMilliseconds());
        advertisedHost().ifPresent(h -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, h.host() + ":" + h.port()));
        p.putAll(properties);
        p.putAll(LedgerStreamsConfig.required(topics));
        return p;
    }
}
