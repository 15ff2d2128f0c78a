package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.streams.chain.ChainProcessor;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.StoreKeys;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projections: written as entries are chained, erased by tombstones, rebuilt from the topics when lost. */
class ProjectionsTest {

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 1, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();
    private final io.veridict.streams.crypto.LedgerCrypto crypto = TestCrypto.crypto();

    @TempDir
    Path stateDir;

    @Test
    void shouldEraseAStoredPayloadWhenItsTombstoneIsCommitted() {
        try (TopologyTestDriver driver = driver(TestHistory.empty(), "first")) {
            ChainOutputs chain = new ChainOutputs(driver, topics, serdes);
            chain.pipe("acme", Commands.decision("acme", "k1", "dec-1", "\"approve\""));
            KeyValueStore<Bytes, PayloadEnvelope> payloads = driver.getKeyValueStore(ChainStores.PAYLOADS);
            assertThat(payloads.get(StoreKeys.seq("acme", 0))).isNotNull();

            TestInputTopic<EntryKey, PayloadEnvelope> payloadTopic = driver.createInputTopic(topics.payloads().name(),
                    serdes.entryKeys().serializer(), serdes.payloads().serializer());
            payloadTopic.pipeInput(new EntryKey("acme", 0L), null);

            assertThat(payloads.get(StoreKeys.seq("acme", 0))).isNull();
            KeyValueStore<Bytes, RunEntry> entries = driver.getKeyValueStore(ChainStores.ENTRIES);
            assertThat(entries.get(StoreKeys.seq("acme", 0))).as("the header stays").isNotNull();
        }
    }

    @Test
    void shouldTakeAnErasedPayloadOffTheDiskWithinASecond() throws Exception {
        String marker = "Qz" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (TopologyTestDriver driver = driver(TestHistory.empty(), "erase")) {
            ChainOutputs chain = new ChainOutputs(driver, topics, serdes);
            chain.pipe("acme", Commands.decision("acme", "k1", "dec-1", "{\"note\":\"" + marker + "\"}"));
            KeyValueStore<Bytes, PayloadEnvelope> stored = driver.getKeyValueStore(ChainStores.PAYLOADS);
            stored.flush(); // as at a clean stop: the payload on disk
            byte[] sealed = stored.get(StoreKeys.seq("acme", 0)).getCiphertext().array();
            assertThat(io.veridict.dev.testing.FilesHolding.bytes(stateDir, sealed)).as("the sealed payload on disk").isNotEmpty();
            assertThat(filesContaining(marker)).as("never in clear").isEmpty();

            driver.createInputTopic(topics.payloads().name(), serdes.entryKeys().serializer(), serdes.payloads().serializer())
                    .pipeInput(new EntryKey("acme", 0L), null);
            long deadline = System.nanoTime() + io.veridict.streams.store.ErasingRocksDbStore.ERASE_WITHIN.toNanos() * 5;
            while (!io.veridict.dev.testing.FilesHolding.bytes(stateDir, sealed).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(io.veridict.dev.testing.FilesHolding.bytes(stateDir, sealed)).isEmpty();
        }
    }

    @Test
    void shouldRebuildLostProjectionsFromTheEntriesAndPayloadsTopics() {
        TestHistory history = TestHistory.empty();
        try (TopologyTestDriver first = driver(TestHistory.empty(), "first")) {
            var commands = first.createInputTopic(topics.commands().name(), new org.apache.kafka.common.serialization.StringSerializer(),
                    serdes.commands().serializer());
            var entries = first.createOutputTopic(topics.entries().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            var payloads = first.createOutputTopic(topics.payloads().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            commands.pipeInput("acme", Commands.decision("acme", "k1", "dec-1", "\"approve\""));
            commands.pipeInput("acme", Commands.group("acme", false, "g1=dec-2", "g2"));
            entries.readKeyValuesToList().forEach(kv -> history.add(topics.entries().name(), 0, kv.key, kv.value));
            payloads.readKeyValuesToList().forEach(kv -> history.add(topics.payloads().name(), 0, kv.key, kv.value));
        }
        addV1Decision(history, "legacy", 0, "legacy-1");
        history.add(topics.payloads().name(), 0, key("acme", 1), null); // retention erased acme/1 later

        try (TopologyTestDriver second = driver(history, "second")) {
            ChainOutputs chain = new ChainOutputs(second, topics, serdes);
            chain.pipe("acme", Commands.decision("acme", "k1", "dec-1", "\"approve\""));
            chain.pipe("acme", Commands.decision("acme", "k9", "dec-2", "\"approve\""));
            chain.pipe("legacy", Commands.decision("legacy", "k1", "legacy-1", "\"approve\""));

            List<CommandOutcome> answers = chain.answers();
            assertThat(answers).extracting(o -> o.getStatus() + ":" + o.getReason()).containsExactly(
                    "DUPLICATE:null", "CONFLICT:" + RefusalCode.DECISION_ID_TAKEN.name(), "CONFLICT:" + RefusalCode.DECISION_ID_TAKEN.name());
            assertThat(answers.get(0).getReceipt().getSeq()).isZero();
            assertThat(answers.get(0).getReceipt().getDecisionId()).isEqualTo("dec-1");
            KeyValueStore<Bytes, RunEntry> entries = second.getKeyValueStore(ChainStores.ENTRIES);
            KeyValueStore<Bytes, PayloadEnvelope> payloads = second.getKeyValueStore(ChainStores.PAYLOADS);
            assertThat(entries.get(StoreKeys.seq("acme", 2)).getHeader().getSeq()).isEqualTo(2L);
            assertThat(payloads.get(StoreKeys.seq("acme", 0))).isNotNull();
            assertThat(payloads.get(StoreKeys.seq("acme", 1))).as("erased by its tombstone").isNull();
            assertThat(payloads.get(StoreKeys.seq("acme", 2))).isNotNull();
        }
    }

    @Test
    void shouldKeepTheMerkleSubtreesAsEntriesAreChainedAndRebuildThemFromTheEntriesTopic() {
        TestHistory history = TestHistory.empty();
        java.util.Map<Bytes, byte[]> kept = new java.util.TreeMap<>();
        try (TopologyTestDriver first = driver(TestHistory.empty(), "first")) {
            var commands = first.createInputTopic(topics.commands().name(), new org.apache.kafka.common.serialization.StringSerializer(),
                    serdes.commands().serializer());
            var entryTopic = first.createOutputTopic(topics.entries().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (int i = 0; i < 45; i++) {
                commands.pipeInput("acme", Commands.decision("acme", "k" + i));
            }
            commands.pipeInput("acme", Commands.group("acme", false, "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9",
                    "g10", "g11", "g12", "g13", "g14", "g15", "g16", "g17", "g18", "g19", "g20"));
            entryTopic.readKeyValuesToList().forEach(kv -> history.add(topics.entries().name(), 0, kv.key, kv.value));

            KeyValueStore<Bytes, RunEntry> entries = first.getKeyValueStore(ChainStores.ENTRIES);
            KeyValueStore<Bytes, byte[]> nodes = first.getKeyValueStore(ChainStores.NODES);
            var source = io.veridict.streams.chain.MerkleNodes.source(nodes, entries, "acme");
            List<byte[]> leaves = new java.util.ArrayList<>();
            for (long seq = 0; seq < 65; seq++) {
                leaves.add(entries.get(StoreKeys.seq("acme", seq)).getHeader().getLeafHash().bytes());
            }
            for (int n = 1; n <= 65; n++) {
                assertThat(io.veridict.schemas.format.MerkleProofs.root(source, n))
                        .isEqualTo(io.veridict.schemas.format.MerkleTree.root(leaves.subList(0, n)));
            }
            assertThat(io.veridict.schemas.format.MerkleProofs.inclusion(source, 17, 65))
                    .containsExactlyElementsOf(io.veridict.schemas.format.MerkleTree.inclusionProof(leaves, 17));
            assertThat(io.veridict.schemas.format.MerkleProofs.consistency(source, 33, 65))
                    .containsExactlyElementsOf(io.veridict.schemas.format.MerkleTree.consistencyProof(leaves, 33));
            try (var all = nodes.all()) {
                all.forEachRemaining(kv -> kept.put(kv.key, kv.value));
            }
        }
        // subtrees of 16, 32 and 64 leaves: (4,0) (4,1) (4,2) (4,3) (5,0) (5,1) (6,0)
        assertThat(kept).hasSize(7);

        try (TopologyTestDriver second = driver(history, "second")) {
            KeyValueStore<Bytes, byte[]> nodes = second.getKeyValueStore(ChainStores.NODES);
            java.util.Map<Bytes, byte[]> rebuilt = new java.util.TreeMap<>();
            try (var all = nodes.all()) {
                all.forEachRemaining(kv -> rebuilt.put(kv.key, kv.value));
            }
            assertThat(rebuilt.keySet()).isEqualTo(kept.keySet());
            rebuilt.forEach((key, hash) -> assertThat(hash).isEqualTo(kept.get(key)));
        }
    }

    /** A decision entry as v1 wrote it: a bare LedgerEntry record, and its payload. */
    private void addV1Decision(TestHistory history, String tenant, long seq, String decisionId) {
        byte[] payload = ("{\"context\":{},\"decision\":\"approve\",\"decision_id\":\"" + decisionId + "\",\"kind\":\"decision\"}")
                .getBytes(StandardCharsets.UTF_8);
        io.veridict.schemas.avro.Sha256 zero = new io.veridict.schemas.avro.Sha256(new byte[32]);
        LedgerEntry header = LedgerEntry.newBuilder().setFormatVersion(1).setTenantId(tenant).setSeq(seq)
                .setEntryId("00000000-0000-4000-8000-000000000001").setEntryType(io.veridict.schemas.avro.EntryType.DECISION)
                .setReceivedAt(java.time.Instant.EPOCH).setRecordedAt(java.time.Instant.EPOCH).setActorKeyId(null)
                .setCorrelationId("c").setPayloadHash(zero).setLeafHash(zero).setPrevChainHash(zero).setChainHash(zero).build();
        history.add(topics.payloads().name(), 0, key(tenant, seq), serdes.payloads().serializer().serialize("t",
                new PayloadEnvelope(1, null, null, ByteBuffer.wrap(payload), null)));
        history.add(topics.entries().name(), 0, key(tenant, seq), TestSerdes.plainUnion().serializer().serialize("t", header));
    }

    private byte[] key(String tenant, long seq) {
        return serdes.entryKeys().serializer().serialize("t", new EntryKey(tenant, seq));
    }

    private List<Path> filesContaining(String text) {
        return io.veridict.dev.testing.FilesHolding.text(stateDir, text);
    }

    private TopologyTestDriver driver(TestHistory history, String name) {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        return new TopologyTestDriver(LedgerTopology.build(topics, serdes, history, crypto), props);
    }
}
