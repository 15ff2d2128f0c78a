package io.veridict.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.checkpoint.CheckpointFactory;
import io.veridict.api.core.ApiLimitsFactory;
import io.veridict.api.core.KafkaFactory;
import io.veridict.api.core.SchemaRegistryFactory;
import io.veridict.api.core.StreamsFactory;
import io.veridict.api.crypto.EncryptionFactory;
import io.veridict.api.retention.RetentionFactory;
import io.veridict.api.transport.RateLimitsFactory;
import io.veridict.api.transport.TransportFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The service's configuration: Kafka, the schema registry, the ledger topology, the API's limits and transport. */
public class VeridictConfiguration extends Configuration {

    @Valid
    @NotNull
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    private SchemaRegistryFactory schemaRegistry = new SchemaRegistryFactory();

    @Valid
    @NotNull
    private StreamsFactory streams = new StreamsFactory();

    @Valid
    @NotNull
    private ApiLimitsFactory apiLimits = new ApiLimitsFactory();

    /** Authentication: key pepper, operator token hash, rotation and expiry settings. */
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    /** Retention: the operator's bounds on tenants' policies and the approval window. */
    @Valid
    @NotNull
    private RetentionFactory retention = new RetentionFactory();

    /** Checkpoint signing: the Ed25519 signer key, if any. */
    @Valid
    @NotNull
    private CheckpointFactory checkpoints = new CheckpointFactory();

    /** Encryption at rest: key-encryption keys and data key rotation. */
    @Valid
    @NotNull
    private EncryptionFactory encryption = new EncryptionFactory();

    @Valid
    @NotNull
    private TransportFactory transport = new TransportFactory();

    @Valid
    @NotNull
    private RateLimitsFactory rateLimits = new RateLimitsFactory();

    /** How long a record request waits for its entry to be chained before answering 202. Default: 5 s. */
    @NotNull
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration recordWait = Duration.seconds(5);

    /**
     * Group commit: how long a single record request waits for others of its tenant to travel
     * with it as one command (0 sends each alone). Default: 2 ms.
     */
    @NotNull
    @MaxDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration recordLinger = Duration.milliseconds(2);

    /** The most single record requests one group command carries. Default: 500. */
    @Min(1)
    @Max(10_000)
    private int maxGroupSize = 500;

    @JsonProperty
    public Duration getRecordLinger() {
        return recordLinger;
    }

    @JsonProperty
    public void setRecordLinger(Duration recordLinger) {
        this.recordLinger = recordLinger;
    }

    @JsonProperty
    public int getMaxGroupSize() {
        return maxGroupSize;
    }

    @JsonProperty
    public void setMaxGroupSize(int maxGroupSize) {
        this.maxGroupSize = maxGroupSize;
    }

    @JsonProperty
    public KafkaFactory getKafka() {
        return kafka;
    }

    @JsonProperty
    public void setKafka(KafkaFactory kafka) {
        this.kafka = kafka;
    }

    @JsonProperty
    public SchemaRegistryFactory getSchemaRegistry() {
        return schemaRegistry;
    }

    @JsonProperty
    public void setSchemaRegistry(SchemaRegistryFactory schemaRegistry) {
        this.schemaRegistry = schemaRegistry;
    }

    @JsonProperty
    public StreamsFactory getStreams() {
        return streams;
    }

    @JsonProperty
    public void setStreams(StreamsFactory streams) {
        this.streams = streams;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }

    @JsonProperty
    public CheckpointFactory getCheckpoints() {
        return checkpoints;
    }

    @JsonProperty
    public void setCheckpoints(CheckpointFactory checkpoints) {
        this.checkpoints = checkpoints;
    }

    @JsonProperty
    public RetentionFactory getRetention() {
        return retention;
    }

    @JsonProperty
    public void setRetention(RetentionFactory retention) {
        this.retention = retention;
    }

    @JsonProperty
    public EncryptionFactory getEncryption() {
        return encryption;
    }

    @JsonProperty
    public void setEncryption(EncryptionFactory encryption) {
        this.encryption = encryption;
    }

    @JsonProperty
    public ApiLimitsFactory getApiLimits() {
        return apiLimits;
    }

    @JsonProperty
    public void setApiLimits(ApiLimitsFactory apiLimits) {
        this.apiLimits = apiLimits;
    }

    @JsonProperty
    public Duration getRecordWait() {
        return recordWait;
    }

    @JsonProperty
    public void setRecordWait(Duration recordWait) {
        this.recordWait = recordWait;
    }

    @JsonProperty
    public TransportFactory getTransport() {
        return transport;
    }

    @JsonProperty
    public void setTransport(TransportFactory transport) {
        this.transport = transport;
    }

    @JsonProperty
    public RateLimitsFactory getRateLimits() {
        return rateLimits;
    }

    @JsonProperty
    public void setRateLimits(RateLimitsFactory rateLimits) {
        this.rateLimits = rateLimits;
    }

    /** HTTPS can only be required where it can arrive: on {@code https} connectors or through a trusted proxy. */
    @JsonIgnore
    @AssertTrue(message = "transport.requireHttps needs every server.applicationConnectors entry to be of type https,"
            + " or transport.trustedProxies to name the proxies that terminate TLS")
    public boolean isHttpsRequirementSatisfiable() {
        return transport == null || transport.isSatisfiedBy(getServerFactory());
    }
}
