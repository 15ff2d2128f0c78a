package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.testing.FilesHolding;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.chain.TenantPartitioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payload bytes have one home: a tombstone on the payloads topic (what retention writes) reaches
 * the only stored copy, and once the projection has caught up the bytes are gone from every
 * file of the service's state folder, while the entry stays and the chain still verifies.
 */
class PayloadErasureIT {

    @TempDir
    Path tmp;

    @Test
    void shouldLeaveNoCopyOfATombstonedPayloadInTheStateFolder() throws Exception {
        Path data = tmp.resolve("data");
        Path state = data.resolve("streams");
        // Random, so that no part of it repeats what else the store holds: a compressed file would
        // then keep it as a back-reference rather than verbatim.
        String marker = "Qz" + UUID.randomUUID().toString().replace("-", "");
        LedgerClient api;
        long seq;
        byte[] salt;
        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            api = new LedgerClient(stack.apiPort, stack.operatorToken());
            LedgerClient.Answer recorded = api.record("forgetful", "k-1",
                    "{\"decision_id\":\"d-1\",\"context\":{\"note\":\"" + marker + "\"},\"decision\":\"approve\"}");
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
            seq = recorded.json().get("seq").asLong();
            salt = java.util.HexFormat.of().parseHex(api.get("/v1/decisions/d-1", "forgetful").json().get("payload_salt").asText());
            assertThat(stack.stop()).as("a clean stop writes the projections to disk").isIn(0, 143);
        }
        assertThat(filesContaining(state, marker)).as("the payload on disk before the erasure").isNotEmpty();
        assertThat(FilesHolding.bytes(state, salt)).as("its salt on disk before the erasure").isNotEmpty();

        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            LedgerClient again = api.at(stack.apiPort);
            tombstone(stack, "forgetful", seq);
            await(() -> again.get("/v1/audit/entries/" + seq, "forgetful").json().get("payload").isNull(),
                    "the projection to drop the payload");
            await(() -> filesContaining(state, marker).isEmpty(), "no state file to hold the payload");
            await(() -> FilesHolding.bytes(state, salt).isEmpty(), "no state file to hold the payload's salt");

            JsonNode verified = again.post("/v1/audit/verify", "forgetful", null, "").json();
            assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.get("erased_payloads").asLong()).isEqualTo(1);
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
            int partition = TenantPartitioner.partitionOf(tenant, producer.partitionsFor("veridict.payloads").size());
            producer.send(new ProducerRecord<>("veridict.payloads", partition, key, null)).get(30, TimeUnit.SECONDS);
        }
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
