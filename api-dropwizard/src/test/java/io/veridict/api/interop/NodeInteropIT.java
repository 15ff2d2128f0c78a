package io.veridict.api.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.avro.Violation;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.serde.AvroSerdes;
import io.veridict.streams.CommandValidator;
import io.veridict.streams.EntryRunSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign client (Node: kafkajs + @kafkajs/confluent-schema-registry) reads what
 * Veridict wrote and writes what Veridict reads, and computes a salted payload hash from the
 * ledger format alone, through the built-in registry, on a real
 * broker. Needs {@code npm ci --prefix interop} first.
 */
class NodeInteropIT {

    private static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();
    private static final String FROM_VERIDICT = "interop.from-veridict";
    private static final String TO_VERIDICT = "interop.to-veridict";
    private static final String ENTRIES = "interop.entries";
    private static final String PAYLOADS = "interop.payloads";
    private static final byte[] PAYLOAD = "{\"decision\":\"approve\",\"kind\":\"decision\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SALT = new byte[32];
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldExchangeConfluentFramedAvroWithKafkajs() throws Exception {
        assertThat(INTEROP.resolve("node_modules/kafkajs")).as("run `npm ci --prefix interop` before the tests").exists();
        try (TestKafka kafka = TestKafka.start(dataDir);
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1)) {
            createTopics(kafka.bootstrapServers());
            SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));
            Serde<LedgerCommand> serde = AvroSerdes.forValue(client, LedgerCommand.class);
            LedgerCommand sent = decisionCommand();
            produce(kafka.bootstrapServers(), serde, sent);
            new java.security.SecureRandom().nextBytes(SALT);
            EntryRun run = entryRun();
            produceRun(kafka.bootstrapServers(), EntryRunSerde.confluent(client), run);
            produceEnvelope(kafka.bootstrapServers(), AvroSerdes.forValue(client, PayloadEnvelope.class));

            String replyId = UUID.randomUUID().toString();
            JsonNode report = runNode(kafka.bootstrapServers(), registry.url().toString(), sent.getCommandId(), replyId);

            assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
            JsonNode read = report.get("read");
            assertThat(read.get("key").asText()).isEqualTo("acme");
            assertThat(read.get("tenant_id").asText()).isEqualTo("acme");
            assertThat(read.get("idempotency_key").asText()).isEqualTo(sent.getIdempotencyKey());
            assertThat(read.get("received_at").asLong()).isEqualTo(sent.getReceivedAt().toEpochMilli());
            assertThat(read.get("decision_json").asText()).isEqualTo("{\"approved\":false}");
            assertThat(read.get("violations").get(0).get("rule_id").asText()).isEqualTo("limit.daily");
            assertThat(read.get("violations").get(0).get("severity").asText()).isEqualTo("HIGH");
            assertThat(read.get("schema_id").asInt()).isEqualTo(client.latest(FROM_VERIDICT + "-value").id());

            JsonNode headers = report.get("run");
            assertThat(headers).hasSize(2);
            for (int i = 0; i < 2; i++) {
                LedgerEntry written = run.getEntries().get(i).getHeader();
                assertThat(headers.get(i).get("seq").asLong()).isEqualTo(written.getSeq());
                assertThat(headers.get(i).get("tenant_id").asText()).isEqualTo(written.getTenantId());
                assertThat(headers.get(i).get("leaf_hash").asText()).isEqualTo(HexFormat.of().formatHex(written.getLeafHash().bytes()));
                assertThat(headers.get(i).get("format_version").asInt()).isEqualTo(written.getFormatVersion());
            }
            // The Node side computed the salted payload hash of format version 2 from the spec alone.
            JsonNode payload = report.get("payload");
            assertThat(payload.get("salt").asText()).isEqualTo(HexFormat.of().formatHex(SALT));
            assertThat(payload.get("payload_hash").asText())
                    .isEqualTo(headers.get(0).get("payload_hash").asText())
                    .isEqualTo(HexFormat.of().formatHex(LedgerHashes.saltedPayloadHash(SALT, PAYLOAD)));

            List<LedgerCommand> fromNodeAll = consume(kafka.bootstrapServers(), serde, 2);
            LedgerCommand fromNode = fromNodeAll.get(0);
            assertThat(fromNode.getCommandId()).isEqualTo(replyId);
            assertThat(fromNode.getTenantId()).isEqualTo("acme");
            assertThat(fromNode.getActor().getKind()).isEqualTo(ActorKind.SYSTEM);
            assertThat(fromNode.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
            assertThat(fromNode.getBody()).isInstanceOf(KeyOperation.class);
            KeyOperation op = (KeyOperation) fromNode.getBody();
            assertThat(op.getOperation()).isEqualTo(KeyOperationType.REVOKED);
            assertThat(op.getKeyId()).isEqualTo("key-from-node");
            assertThat(op.getScopes()).containsExactly("audit:read", "decisions:record");
            assertThat(op.getReason()).isEqualTo("written by kafkajs");
            DecisionGroup group = (DecisionGroup) fromNodeAll.get(1).getBody();
            assertThat(group.getAtomic()).isTrue();
            assertThat(group.getItems()).extracting(GroupItem::getIdempotencyKey).containsExactly("node-batch:0", "node-batch:1");
            assertThat(group.getItems().get(1).getDecision().getContextJson()).isEqualTo("{\"n\":1}");
            assertThat(CommandValidator.check("acme", fromNodeAll.get(1))).as("fit for a ledger").isEmpty();
        }
    }

    private static LedgerCommand decisionCommand() {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId("acme")
                .setIdempotencyKey("interop-" + UUID.randomUUID())
                .setCorrelationId("corr-interop")
                .setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-1").build())
                .setReceivedAt(Instant.parse("2026-11-23T10:15:30.123Z"))
                .setBody(RecordDecision.newBuilder()
                        .setDecisionId("dec-1")
                        .setContextJson("{\"amount\":250,\"currency\":\"EUR\"}")
                        .setDecisionJson("{\"approved\":false}")
                        .setViolations(List.of(Violation.newBuilder().setRuleId("limit.daily")
                                .setSeverity(Severity.HIGH).setMessage("over the daily limit").build()))
                        .setEvidence(List.of())
                        .build())
                .build();
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(FROM_VERIDICT, 1, (short) 1), new NewTopic(TO_VERIDICT, 1, (short) 1),
                            new NewTopic(ENTRIES, 1, (short) 1), new NewTopic(PAYLOADS, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String bootstrap, Serde<LedgerCommand> serde, LedgerCommand command) throws Exception {
        try (KafkaProducer<String, LedgerCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(FROM_VERIDICT, command.getTenantId(), command)).get(30, TimeUnit.SECONDS);
        }
    }

    private static JsonNode runNode(String bootstrap, String registryUrl, String expectedId, String replyId) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "check.mjs").directory(INTEROP.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "BOOTSTRAP_SERVERS", bootstrap,
                "REGISTRY_URL", registryUrl,
                "FROM_VERIDICT_TOPIC", FROM_VERIDICT,
                "TO_VERIDICT_TOPIC", TO_VERIDICT,
                "ENTRIES_TOPIC", ENTRIES,
                "PAYLOADS_TOPIC", PAYLOADS,
                "EXPECTED_COMMAND_ID", expectedId,
                "REPLY_COMMAND_ID", replyId));
        Process node = builder.start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the Node interop check did not finish within 120 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String lastLine = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(node.exitValue()).as(output).isZero();
        return JSON.readTree(lastLine);
    }

    private static List<LedgerCommand> consume(String bootstrap, Serde<LedgerCommand> serde, int count) {
        try (KafkaConsumer<String, LedgerCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), serde.deserializer())) {
            TopicPartition tp = new TopicPartition(TO_VERIDICT, 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            List<ConsumerRecord<String, LedgerCommand>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            assertThat(seen).as("records written by the Node client").hasSize(count);
            return seen.stream().map(ConsumerRecord::value).toList();
        }
    }

    /** Two entries of one command, as the chain writes them (values made up; only the layout matters). */
    private static EntryRun entryRun() {
        List<RunEntry> entries = new ArrayList<>();
        for (long seq = 7; seq <= 8; seq++) {
            byte[] hash = new byte[32];
            java.util.Arrays.fill(hash, (byte) seq);
            Sha256 h = new Sha256(hash);
            Sha256 payloadHash = seq == 7 ? new Sha256(LedgerHashes.saltedPayloadHash(SALT, PAYLOAD)) : h;
            LedgerEntry header = LedgerEntry.newBuilder().setFormatVersion(seq == 7 ? 2 : 1).setTenantId("acme").setSeq(seq)
                    .setEntryId(UUID.randomUUID().toString()).setEntryType(EntryType.DECISION)
                    .setReceivedAt(Instant.ofEpochMilli(1767225600000L)).setRecordedAt(Instant.ofEpochMilli(1767225600001L))
                    .setActorKeyId("key-1").setCorrelationId("corr-run").setPayloadHash(payloadHash).setLeafHash(h)
                    .setPrevChainHash(h).setChainHash(h).build();
            entries.add(new RunEntry(header, new EntryOrigin("cmd-" + seq, h, h, seq == 7 ? h : null, null, null)));
        }
        return new EntryRun(entries);
    }

    /** The payload of seq 7, with its salt, as the chain stores it. */
    private static void produceEnvelope(String bootstrap, Serde<PayloadEnvelope> serde) throws Exception {
        PayloadEnvelope envelope = PayloadEnvelope.newBuilder().setCiphertext(java.nio.ByteBuffer.wrap(PAYLOAD))
                .setSalt(java.nio.ByteBuffer.wrap(SALT)).build();
        try (KafkaProducer<String, PayloadEnvelope> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(PAYLOADS, "acme", envelope)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void produceRun(String bootstrap, EntryRunSerde serde, EntryRun run) throws Exception {
        try (KafkaProducer<String, EntryRun> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(ENTRIES, "acme", run)).get(30, TimeUnit.SECONDS);
        }
    }
}
