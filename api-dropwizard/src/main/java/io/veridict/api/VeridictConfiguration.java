package io.veridict.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.veridict.api.core.KafkaFactory;
import io.veridict.api.core.SchemaRegistryFactory;
import io.veridict.api.core.StreamsFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The service's configuration: Kafka, the schema registry and the ledger topology. */
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
}
