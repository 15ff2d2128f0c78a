package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.streams.errors.DeadLetterDeserializationHandler;
import io.veridict.streams.errors.DeadLetterHeaders;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTopologyTest {

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 3, (short) 1, 1);
    private final Serde<LedgerCommand> serde = PlainAvroSerde.commands();
    private TopologyTestDriver driver;
    private TestInputTopic<String, LedgerCommand> commands;
    private TestInputTopic<byte[], byte[]> rawCommands;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter().name());
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serde), props);
        commands = driver.createInputTopic(topics.commands().name(), new StringSerializer(), serde.serializer());
        rawCommands = driver.createInputTopic(topics.commands().name(), new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldCountWellFormedCommandsPerTenant() {
        commands.pipeInput("acme", Commands.decision("acme", "k1"));
        commands.pipeInput("acme", Commands.decision("acme", "k2"));
        commands.pipeInput("globex", Commands.decision("globex", "k1"));

        KeyValueStore<String, Long> intake = driver.getKeyValueStore(LedgerTopology.INTAKE_STORE);
        assertThat(intake.get("acme")).isEqualTo(2L);
        assertThat(intake.get("globex")).isEqualTo(1L);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterCommandWhoseKeyIsNotItsTenant() {
        commands.pipeInput("globex", Commands.decision("acme", "k1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("globex");
        assertThat(serde.deserializer().deserialize("t", dead.value()).getTenantId()).isEqualTo("acme");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo(CommandValidator.TENANT_KEY_MISMATCH);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.commands().name());
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        KeyValueStore<String, Long> intake = driver.getKeyValueStore(LedgerTopology.INTAKE_STORE);
        assertThat(intake.get("acme")).isNull();
        assertThat(intake.get("globex")).isNull();
    }

    @Test
    void shouldDeadLetterMalformedTenantIdAndIdempotencyKey() {
        commands.pipeInput("Bad Tenant!", Commands.decision("Bad Tenant!", "k1"));
        commands.pipeInput("acme", Commands.decision("acme", "has space"));

        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.INVALID_TENANT_ID);
        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.INVALID_IDEMPOTENCY_KEY);
    }

    @Test
    void shouldDeadLetterUnreadableBytesAndKeepGoing() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        rawCommands.pipeInput("acme".getBytes(StandardCharsets.UTF_8), garbage);
        commands.pipeInput("acme", Commands.decision("acme", "k1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(driver.<String, Long>getKeyValueStore(LedgerTopology.INTAKE_STORE).get("acme")).isEqualTo(1L);
    }
}
