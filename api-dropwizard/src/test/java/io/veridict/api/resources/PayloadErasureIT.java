package io.veridict.api.resources;

import io.veridict.verifier.TenantPartitions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.testing.FilesHolding;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payload bytes have one home: a tombstone on the payloads topic reaches the only stored copy, and
 * once the projection has caught up the bytes (sealed, as every payload is stored) are gone from
 * every file of the service's state folder, while the entry stays. A tombstone that no erasure
 * record of the chain accounts for (written here behind the ledger's back) leaves the header chain
 * verified and is reported as {@code PAYLOAD_MISSING} (ledger format §9.7).
 */
class PayloadErasureIT {

    @TempDir
    Path tmp;

    @Test
    void shouldLeaveNoCopyOfATombstonedPayloadInTheStateFolderAndReportAnUnauthorisedOne() throws Exception {
        Path data = tmp.resolve("data");
        Path state = data.resolve("streams");
        // Random, so that no part of it repeats what else the store holds: a compressed file would
        // then keep it as a back-reference rather than verbatim.
        String marker = "Qz" + UUID.randomUUID().toString().replace("-", "");
        LedgerClient api;
        long seq;
        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            api = new LedgerClient(stack.apiPort, stack.operatorToken());
            LedgerClient.Answer recorded = api.record("forgetful", "k-1",
                    "{\"decision_id\":\"d-1\",\"context\":{\"note\":\"" + marker + "\"},\"decision\":\"approve\"}");
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
            seq = recorded.json().get("seq").asLong();
            assertThat(stack.stop()).as("a clean stop writes the projections to disk").isIn(0, 143);
        }

        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            LedgerClient again = api.at(stack.apiPort);
            assertThat(again.get("/v1/decisions/d-1", "forgetful").json().get("payload").asText()).contains(marker);
            byte[] sealed = sealedPayload(stack, "forgetful", seq);
            assertThat(FilesHolding.bytes(state, sealed)).as("the sealed payload on disk before the erasure").isNotEmpty();
            assertThat(filesContaining(data, marker)).as("never in clear").isEmpty();
            tombstone(stack, "forgetful", seq);
            await(() -> again.get("/v1/audit/entries/" + seq, "forgetful").json().get("payload").isNull(),
                    "the projection to drop the payload");
            await(() -> FilesHolding.bytes(state, sealed).isEmpty(), "no state file to hold the sealed payload");

            JsonNode verified = again.post("/v1/audit/verify", "forgetful", null, "").json();
            assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isFalse();
            assertThat(verified.get("failure").get("kind").asText()).isEqualTo("PAYLOAD_MISSING");
            assertThat(verified.get("failure").get("seq").asLong()).isEqualTo(seq);
            assertThat(verified.get("entries_checked").asLong()).as("the header chain verified")
                    .isEqualTo(verified.get("to_seq").asLong() + 1);
            assertThat(verified.get("erased_payloads").asLong()).isEqualTo(1);
            assertThat(verified.get("unaccounted_payloads").asLong()).isEqualTo(1);
            JsonNode erased = again.get("/v1/decisions/d-1", "forgetful").json();
            assertThat(erased.get("payload").isNull()).isTrue();
            assertThat(erased.get("payload_salt").isNull()).as("the salt is erased with its payload").isTrue();
        }
    }

    private static void tombstone(VeridictProcess stack, String tenant, long seq) throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(stack.registryUrl().toString()));
        byte[] key = LedgerSerdes.confluent(registry).entryKeys().serializer().serialize("veridict.payloads",
                new EntryKey(tenant, seq));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int partition = TenantPartitions.partitionOf(tenant, producer.partitionsFor("veridict.payloads").size());
            producer.send(new ProducerRecord<>("veridict.payloads", partition, key, null)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The sealed bytes of a payload, as the payloads topic holds them. */
    private static byte[] sealedPayload(VeridictProcess stack, String tenant, long seq) {
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(stack.registryUrl().toString()));
        LedgerSerdes serdes = LedgerSerdes.confluent(registry);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("veridict.payloads").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EntryKey key = serdes.entryKeys().deserializer().deserialize("veridict.payloads", r.key());
                    if (key.getTenantId().equals(tenant) && key.getSeq() == seq && r.value() != null) {
                        PayloadEnvelope envelope = serdes.payloads().deserializer().deserialize("veridict.payloads", r.value());
                        assertThat(envelope.getKeyId()).as("sealed").isNotNull();
                        byte[] bytes = new byte[envelope.getCiphertext().remaining()];
                        envelope.getCiphertext().duplicate().get(bytes);
                        return bytes;
                    }
                }
            }
        }
        throw new AssertionError("no payload record for " + tenant + "/" + seq);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static List<Path> filesContaining(Path root, String text) {
        return FilesHolding.text(root, text);
    }
}
