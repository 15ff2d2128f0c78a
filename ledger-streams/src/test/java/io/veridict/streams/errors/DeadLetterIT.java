package io.veridict.streams.errors;

import io.veridict.streams.RefusalCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.serde.AvroSerdes;
import io.veridict.streams.CommandValidator;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.LedgerStreamsConfig;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.store.KafkaTopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicProvisioner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad records on the commands topic of a real broker end in the dead-letter topic; the stream goes on. */
class DeadLetterIT {

    private final LedgerTopics topics = LedgerTopics.standard("dlq-it.", 1, (short) 1, 1);

    @TempDir
    Path tmp;

    @Test
    void shouldDeadLetterUnreadableAndRejectedCommandsWithTheirReasonAndKeepChaining() throws Exception {
        try (TestKafka kafka = TestKafka.start(tmp.resolve("kafka"));
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.all());
            SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));
            Serde<LedgerCommand> serde = AvroSerdes.forValue(client, LedgerCommand.class);

            byte[] notConfluent = "plain text".getBytes(StandardCharsets.UTF_8);
            byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
            byte[] wrongTenant = serde.serializer().serialize(topics.commands().name(), command("acme"));
            byte[] good = serde.serializer().serialize(topics.commands().name(), command("acme"));
            produce(kafka.bootstrapServers(), List.of(
                    new ProducerRecord<>(topics.commands().name(), bytes("acme"), notConfluent),
                    new ProducerRecord<>(topics.commands().name(), bytes("acme"), unknownId),
                    new ProducerRecord<>(topics.commands().name(), bytes("globex"), wrongTenant),
                    new ProducerRecord<>(topics.commands().name(), bytes("acme"), good)));

            LedgerSerdes serdes = LedgerSerdes.confluent(client);
            KafkaStreams streams = new KafkaStreams(LedgerTopology.build(topics, serdes,
                    new KafkaTopicHistory(Map.of("bootstrap.servers", kafka.bootstrapServers())), io.veridict.streams.TestCrypto.crypto()), properties(kafka.bootstrapServers()));
            try {
                streams.start();
                List<ConsumerRecord<byte[], byte[]>> dead = read(kafka.bootstrapServers(), topics.deadLetter().name(), 3);

                assertThat(dead).extracting(r -> DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON))
                        .containsExactly("UNKNOWN_MAGIC_BYTE", "UNKNOWN_SCHEMA_ID", RefusalCode.TENANT_KEY_MISMATCH.name());
                assertThat(dead).extracting(r -> DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                        .containsExactly("0", "1", "2");
                assertThat(dead.get(0).value()).isEqualTo(notConfluent);
                assertThat(dead.get(1).value()).isEqualTo(unknownId);
                List<ConsumerRecord<byte[], byte[]>> runs = read(kafka.bootstrapServers(), topics.entries().name(), 1);
                EntryRun run = serdes.entries().deserializer().deserialize(topics.entries().name(), runs.get(0).value());
                assertThat(run.getEntries()).singleElement().satisfies(e -> assertThat(e.getHeader().getSeq()).isZero());
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            } finally {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
        }
    }

    private Properties properties(String bootstrap) {
        Properties p = LedgerStreamsConfig.required(topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-it-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static LedgerCommand command(String tenant) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setCorrelationId("corr-dlq")
                .setActor(Actor.newBuilder().setKind(ActorKind.SYSTEM).setKeyId(null).build())
                .setReceivedAt(Instant.now())
                .setBody(RecordDecision.newBuilder().setContextJson("{}").setDecisionJson("true")
                        .setViolations(List.of()).setEvidence(List.of()).build())
                .build();
    }

    private static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return seen;
        }
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
