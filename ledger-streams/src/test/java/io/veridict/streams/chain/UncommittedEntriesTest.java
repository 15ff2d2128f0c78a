package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.MerkleFrontier;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Entries a transaction wrote to the projections but never committed are taken back at start. */
class UncommittedEntriesTest {

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0),
            null);
    private final KeyValueStore<String, byte[]> heads = store("heads", Serdes.String(), Serdes.ByteArray());
    private final Projections projections = new Projections(store("entries", Serdes.Bytes(),
            new io.veridict.schemas.serde.AvroBinarySerde<>(RunEntry.class)), store("idempotency", Serdes.Bytes(), Serdes.ByteArray()),
            store("decisions", Serdes.Bytes(), Serdes.Long()), store("payloads", Serdes.Bytes(),
            new io.veridict.schemas.serde.AvroBinarySerde<>(PayloadEnvelope.class)),
            store("nodes", Serdes.Bytes(), Serdes.ByteArray()));

    @Test
    void shouldRemoveEntriesAtOrBeyondTheCommittedHeadWithTheirLookupsAndPayloads() {
        chain("acme", 0, 1, 2, 3);
        chain("globex", 0);
        chain("initech", 0, 1);
        head("acme", 2);   // seqs 2 and 3 never committed
        head("globex", 1);
        // initech: no committed head at all

        int removed = projections.removeUncommitted(heads);

        assertThat(removed).isEqualTo(4);
        assertThat(projections.entries().get(StoreKeys.seq("acme", 1))).isNotNull();
        assertThat(projections.entries().get(StoreKeys.seq("acme", 2))).isNull();
        assertThat(projections.payloads().get(StoreKeys.seq("acme", 3))).isNull();
        assertThat(projections.idempotency().get(StoreKeys.idempotency("acme", "acme-1"))).isNotNull();
        assertThat(projections.idempotency().get(StoreKeys.idempotency("acme", "acme-2"))).isNull();
        assertThat(projections.decisions().get(StoreKeys.decision("acme", "d-acme-3"))).isNull();
        assertThat(projections.entries().get(StoreKeys.seq("globex", 0))).isNotNull();
        assertThat(projections.entries().get(StoreKeys.seq("initech", 0))).isNull();
        assertThat(projections.removeUncommitted(heads)).isZero();
    }

    @Test
    void shouldRemoveTheMerkleSubtreesThatHoldAnUncommittedLeaf() {
        long[] seqs = new long[40];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i;
        }
        chain("acme", seqs);
        head("acme", 20);
        MerkleFrontier tree = MerkleFrontier.empty();
        for (int i = 0; i < 40; i++) {
            tree = tree.append(new byte[32], MerkleNodes.sink(projections.nodes(), "acme"));
        }
        assertThat(projections.nodes().get(StoreKeys.node("acme", 5, 0))).isNotNull();

        projections.removeUncommitted(heads);

        assertThat(projections.nodes().get(StoreKeys.node("acme", 4, 0))).isNotNull(); // leaves 0..15: committed
        assertThat(projections.nodes().get(StoreKeys.node("acme", 4, 1))).isNull();    // 16..31
        assertThat(projections.nodes().get(StoreKeys.node("acme", 5, 0))).isNull();    // 0..31
        assertThat(projections.nodes().get(StoreKeys.node("acme", 4, 2))).isNull();    // 32..47 never completed
    }

    private void chain(String tenant, long... seqs) {
        for (long seq : seqs) {
            byte[] zero = new byte[32];
            LedgerEntry header = LedgerEntry.newBuilder().setFormatVersion(1).setTenantId(tenant).setSeq(seq)
                    .setEntryId("e-" + seq).setEntryType(EntryType.DECISION).setReceivedAt(Instant.EPOCH)
                    .setRecordedAt(Instant.EPOCH).setActorKeyId(null).setCorrelationId("c").setPayloadHash(new Sha256(zero))
                    .setLeafHash(new Sha256(zero)).setPrevChainHash(new Sha256(zero)).setChainHash(new Sha256(zero)).build();
            EntryOrigin origin = new EntryOrigin("cmd-" + seq, new Sha256(StoreKeys.digest(tenant + "-" + seq)), new Sha256(zero),
                    new Sha256(StoreKeys.digest("d-" + tenant + "-" + seq)), null, null);
            projections.apply(tenant, new RunEntry(header, origin));
            projections.payloads().put(StoreKeys.seq(tenant, seq), new PayloadEnvelope(1, null, null, ByteBuffer.wrap(zero), null));
        }
    }

    private void head(String tenant, long size) {
        ChainHead head = ChainHead.genesis(tenant);
        for (long i = 0; i < size; i++) {
            head = head.advance(new byte[32], new byte[32]);
        }
        heads.put(tenant, HeadCodec.encode(head));
    }

    private <K, V> KeyValueStore<K, V> store(String name, org.apache.kafka.common.serialization.Serde<K> keys,
                                             org.apache.kafka.common.serialization.Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
