package io.veridict.api.cli;

import io.veridict.verifier.TenantPartitions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.chain.Receipts;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veridict verify} as an auditor runs it, against a {@code veridict dev} stack holding a real chain. */
class VerifyCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    private static final Map<String, Integer> COMMANDS = Map.of("acme", 12, "globex", 8);

    @TempDir
    Path tmp;

    @Test
    void shouldVerifyTheDevLedgerThenPinpointAForgedEntryWithExitCodes() throws Exception {
        try (VeridictProcess dev = VeridictProcess.dev(tmp.resolve("data"))) {
            dev.start(Duration.ofSeconds(120));
            dev.exported("VERIDICT_KEY", Duration.ofSeconds(60)); // the demo tenant: 2 entries of its own
            LedgerSerdes serdes = LedgerSerdes.confluent(
                    new SchemaRegistryClient(SchemaRegistrySettings.forUrl(dev.registryUrl().toString())));
            produceCommands(dev, serdes);
            Map<String, EntryReceipt> heads = awaitChained(dev, serdes, 20);

            VeridictProcess.Outcome clean = verify(dev, "--json");

            assertThat(clean.exitCode()).as(clean.stderr()).isZero();
            JsonNode report = JSON.readTree(clean.stdout());
            assertThat(report.get("verified").asBoolean()).isTrue();
            assertThat(report.get("summary").get("tenants").asInt()).isEqualTo(3);
            // The auditors' standalone jar (no service, no Kafka Streams) reaches the same verdict.
            VeridictProcess.Outcome standalone = standalone(dev, "--json");
            assertThat(standalone.exitCode()).as(standalone.stderr()).isZero();
            assertThat(JSON.readTree(standalone.stdout()).get("tenants")).isEqualTo(report.get("tenants"));
            assertThat(report.get("summary").get("entries_verified").asLong()).isEqualTo(22);
            for (JsonNode tenant : report.get("tenants")) {
                EntryReceipt last = heads.get(tenant.get("tenant_id").asText());
                if (last == null) {
                    assertThat(tenant.get("tenant_id").asText()).isEqualTo("demo");
                    assertThat(tenant.get("head").get("last_seq").asLong()).isEqualTo(1);
                    continue;
                }
                assertThat(tenant.get("head").get("last_seq").asLong()).isEqualTo(last.getSeq());
                assertThat(tenant.get("head").get("chain_hash").asText()).isEqualTo(HEX.formatHex(last.getChainHash().bytes()));
            }

            // A checkpoint kept from an earlier audit: the ledger must hold that tree.
            NoteSigner ledgerKey = NoteSigner.parse(Files.readString(tmp.resolve("data/secrets/checkpoint-key")).strip());
            JsonNode acmeHead = tenant(report, "acme").get("head");
            String vkey = ledgerKey.verifier().toString();
            Path held = kept(ledgerKey, "acme", acmeHead.get("size").asLong(), HEX.parseHex(acmeHead.get("merkle_root").asText()));
            VeridictProcess.Outcome holds = verify(dev, "--since", held.toString(), "--key", vkey, "--json");
            assertThat(holds.exitCode()).as(holds.stdout() + holds.stderr()).isZero();
            assertThat(JSON.readTree(holds.stdout()).get("checkpoint").get("held").asBoolean()).isTrue();
            Path longer = kept(ledgerKey, "acme", acmeHead.get("size").asLong() + 3, new byte[32]);
            JsonNode truncated = JSON.readTree(verify(dev, "--since", longer.toString(), "--key", vkey, "--json").stdout());
            assertThat(truncated.get("failures").get(0).get("kind").asText()).isEqualTo("CHECKPOINT_TRUNCATED");
            Path otherRoot = kept(ledgerKey, "acme", acmeHead.get("size").asLong(),
                    HEX.parseHex(tenant(report, "globex").get("head").get("merkle_root").asText()));
            VeridictProcess.Outcome rewritten = verify(dev, "--since", otherRoot.toString(), "--key", vkey);
            assertThat(rewritten.exitCode()).isEqualTo(1);
            assertThat(rewritten.stdout()).contains("CHECKPOINT_MISMATCH  tenant acme  seq " + (acmeHead.get("size").asLong() - 1));
            Path forgedNote = kept(NoteSigner.of("veridict-dev", new byte[32]), "acme", 1, new byte[32]);
            assertThat(verify(dev, "--since", forgedNote.toString(), "--key", vkey).exitCode()).as("another key's note").isEqualTo(2);

            // The ledger's own checkpoints (signed every 10 s while trees grow): each must be signed by
            // the key and held by the chain; a forged one is named.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode signedRun;
            do {
                signedRun = JSON.readTree(verify(dev, "--key", vkey, "--json").stdout());
            } while (signedRun.get("summary").get("checkpoints_held").asLong() < 3 && System.nanoTime() < deadline);
            assertThat(signedRun.get("verified").asBoolean()).as(signedRun.toString()).isTrue();
            assertThat(signedRun.get("summary").get("checkpoints_held").asLong()).as("demo, acme and globex signed").isGreaterThanOrEqualTo(3);
            NoteSigner impostor = NoteSigner.of("veridict-dev", new byte[32]);
            try (KafkaProducer<String, SignedCheckpoint> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dev.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), serdes.checkpoints().serializer())) {
                String note = SignedNote.sign(new Checkpoint("veridict-dev/globex", 8, new byte[32]).text(), List.of(impostor));
                producer.send(new ProducerRecord<>("veridict.checkpoints", "globex", new SignedCheckpoint("globex", 8L, note)))
                        .get(30, TimeUnit.SECONDS);
            }
            VeridictProcess.Outcome forgedCheckpoint = verify(dev, "--key", vkey, "--json");
            assertThat(forgedCheckpoint.exitCode()).isEqualTo(1);
            JsonNode forgedFailure = JSON.readTree(forgedCheckpoint.stdout()).get("failures").get(0);
            assertThat(forgedFailure.get("kind").asText()).isEqualTo("CHECKPOINT_FORGED");
            assertThat(forgedFailure.get("tenant_id").asText()).isEqualTo("globex");
            assertThat(forgedFailure.get("topic").asText()).isEqualTo("veridict.checkpoints");

            byte[] madeUpPrev = LedgerHashes.payloadHash("not acme's head".getBytes(StandardCharsets.UTF_8));
            RecordMetadata forged = appendForgedEntry(dev, serdes, madeUpPrev);
            VeridictProcess.Outcome tampered = verify(dev, "--json");

            assertThat(tampered.exitCode()).as(tampered.stderr()).isEqualTo(1);
            JsonNode failures = JSON.readTree(tampered.stdout()).get("failures");
            assertThat(failures).hasSize(1);
            JsonNode failure = failures.get(0);
            assertThat(failure.get("kind").asText()).isEqualTo("PREV_HASH_MISMATCH");
            VeridictProcess.Outcome standaloneTampered = standalone(dev, "--json");
            assertThat(standaloneTampered.exitCode()).as(standaloneTampered.stderr()).isEqualTo(1);
            assertThat(JSON.readTree(standaloneTampered.stdout()).get("failures")).isEqualTo(failures);
            assertThat(failure.get("tenant_id").asText()).isEqualTo("acme");
            assertThat(failure.get("seq").asLong()).isEqualTo(12);
            assertThat(failure.get("topic").asText()).isEqualTo("veridict.entries");
            assertThat(failure.get("partition").asInt()).isEqualTo(forged.partition());
            assertThat(failure.get("offset").asLong()).isEqualTo(forged.offset());
            assertThat(failure.get("expected").asText()).isEqualTo(HEX.formatHex(heads.get("acme").getChainHash().bytes()));
            assertThat(failure.get("actual").asText()).isEqualTo(HEX.formatHex(madeUpPrev));

            VeridictProcess.Outcome text = verify(dev, "--tenant", "acme");
            assertThat(text.exitCode()).isEqualTo(1);
            assertThat(text.stdout()).startsWith("Veridict verification: FAILED")
                    .contains("PREV_HASH_MISMATCH  tenant acme  seq 12", "veridict.entries partition " + forged.partition()
                            + " offset " + forged.offset()).doesNotContain("globex");
            assertThat(text.stderr()).doesNotContain("Exception");

            VeridictProcess.Outcome noKafka = VeridictProcess.runOnce(RUN_LIMIT, "verify", "--bootstrap-servers",
                    "localhost:" + closedPort(), "--registry-url", dev.registryUrl().toString(), "--timeout", "3");
            assertThat(noKafka.exitCode()).isEqualTo(2);
            assertThat(noKafka.stderr()).contains("veridict verify: Kafka did not answer within 3 s").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldExitWithTwoAndSayWhyWhenTheRegistryCannotBeReached() throws Exception {
        int closed = closedPort();
        VeridictProcess.Outcome outcome = VeridictProcess.runOnce(RUN_LIMIT, "verify", "--bootstrap-servers",
                "localhost:" + closed, "--registry-url", "http://localhost:" + closed, "--timeout", "3", "--json");

        assertThat(outcome.exitCode()).isEqualTo(2);
        String why = "the schema registry at http://localhost:" + closed + " did not answer within 3 s";
        assertThat(outcome.stderr()).contains("veridict verify: " + why).doesNotContain("\tat ");
        JsonNode json = JSON.readTree(outcome.stdout());
        assertThat(json.get("verified").isNull()).isTrue();
        assertThat(json.get("error").asText()).startsWith(why);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode tenant(JsonNode report, String id) {
        for (JsonNode tenant : report.get("tenants")) {
            if (tenant.get("tenant_id").asText().equals(id)) {
                return tenant;
            }
        }
        throw new AssertionError("no tenant " + id + " in " + report);
    }

    /** A checkpoint of {@code tenant}'s tree signed with {@code key}, in a file as an auditor keeps it. */
    private Path kept(NoteSigner key, String tenant, long size, byte[] root) throws Exception {
        String note = SignedNote.sign(new Checkpoint(key.verifier().name() + "/" + tenant, size, root).text(), List.of(key));
        return Files.writeString(Files.createTempFile(tmp, tenant, ".checkpoint"), note);
    }

    private static VeridictProcess.Outcome verify(VeridictProcess dev, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--bootstrap-servers", dev.bootstrapServers(),
                "--registry-url", dev.registryUrl().toString()));
        args.addAll(List.of(options));
        return VeridictProcess.runOnce(RUN_LIMIT, args.toArray(String[]::new));
    }

    private static VeridictProcess.Outcome standalone(VeridictProcess dev, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap-servers", dev.bootstrapServers(),
                "--registry-url", dev.registryUrl().toString()));
        args.addAll(List.of(options));
        return VeridictProcess.runVerifier(RUN_LIMIT, args.toArray(String[]::new));
    }

    private static void produceCommands(VeridictProcess dev, LedgerSerdes serdes) {
        try (KafkaProducer<String, LedgerCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dev.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serdes.commands().serializer())) {
            COMMANDS.forEach((tenant, count) -> {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>("veridict.commands", tenant, command(tenant, i)));
                }
            });
            producer.flush();
        }
    }

    /** Waits (bounded) until {@code expected} commands are chained; returns each tenant's last receipt. */
    private static Map<String, EntryReceipt> awaitChained(VeridictProcess dev, LedgerSerdes serdes, int expected) {
        Map<String, EntryReceipt> last = new HashMap<>();
        int chained = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, dev.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor("veridict.entries", Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (chained < expected) {
                assertThat(System.nanoTime()).as("only %d of %d commands chained within 90 s", chained, expected)
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    for (RunEntry entry : serdes.entries().deserializer().deserialize(r.topic(), r.value()).getEntries()) {
                        String tenant = entry.getHeader().getTenantId();
                        if (COMMANDS.containsKey(tenant)) {
                            chained++;
                            last.merge(tenant, Receipts.receipt(entry.getHeader(), null), (a, b) -> a.getSeq() > b.getSeq() ? a : b);
                        }
                    }
                }
            }
        }
        assertThat(last.keySet()).isEqualTo(Set.copyOf(COMMANDS.keySet()));
        return last;
    }

    /** Appends acme's "next" entry, well formed but linked to a made-up previous chain hash. */
    private static RecordMetadata appendForgedEntry(VeridictProcess dev, LedgerSerdes serdes, byte[] madeUpPrev) throws Exception {
        byte[] payload = "{\"decision\":\"approve\"}".getBytes(StandardCharsets.UTF_8);
        EntryHeader forged = EntryHeader.seal(LedgerFormat.VERSION_1, "acme", 12, UUID.randomUUID().toString(),
                "DECISION", 1_750_000_000_000L, 1_750_000_000_001L, null, "corr-forged", LedgerHashes.payloadHash(payload),
                madeUpPrev);
        byte[] key = serdes.entryKeys().serializer().serialize("veridict.entries", new EntryKey("acme", 12L));
        byte[] value = serdes.entries().serializer().serialize("veridict.entries",
                new EntryRun(List.of(new RunEntry(Receipts.toAvro(forged, EntryType.DECISION), null))));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dev.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int partition = TenantPartitions.partitionOf("acme",
                    producer.partitionsFor("veridict.entries").size());
            return producer.send(new ProducerRecord<>("veridict.entries", partition, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static LedgerCommand command(String tenant, int i) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(tenant + "-verify-it-" + i)
                .setCorrelationId("corr-" + i)
                .setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-" + tenant).build())
                .setReceivedAt(Instant.now())
                .setBody(RecordDecision.newBuilder().setContextJson("{\"n\":" + i + "}").setDecisionJson("\"approve\"")
                        .setViolations(List.of()).setEvidence(List.of()).build())
                .build();
    }
}
