package io.veridict.streams.chain;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.PolicyRegistry;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.serde.AvroBinarySerde;
import io.veridict.streams.store.ErasingRocksDbSupplier;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of the chain's tasks. Names are part of the deployment: renaming a logged store
 * orphans its changelog.
 *
 * <p>Two kinds (docs/storage.md):
 * <ul>
 *   <li><b>State</b>, small and not derivable cheaply, with a changelog: {@link #HEADS},
 *       {@link #ACCESS}, {@link #KEYS}, {@link #RETENTION} and {@link #POLICIES}. None holds payload bytes; {@link #KEYS} holds data keys
 *       only wrapped.</li>
 *   <li><b>Projections</b> of the entries and payloads topics, without a changelog:
 *       {@link #ENTRIES}, {@link #IDEMPOTENCY}, {@link #DECISIONS}, {@link #PAYLOADS} and {@link #NODES}. The chain
 *       processor writes them as it chains (so it reads its own writes), the payload projector
 *       applies the payloads topic to {@link #PAYLOADS} (tombstones included), and when a task's
 *       state folder was lost they are rebuilt from the two topics ({@link ProjectionRebuild}).</li>
 * </ul>
 *
 * <p>Values are plain Avro binary of the current classes ({@code AvroBinarySerde}): a change to a
 * stored type takes a new store name (the {@code -v2} suffixes), so that no store reads bytes of
 * another layout. A projection under a new name is rebuilt from the topics (its positions live in
 * {@link #IDEMPOTENCY}, renamed with it); see docs/storage.md for what a new state store name means.
 */
public final class ChainStores {

    /** Per tenant: next seq, chain hash, Merkle frontier ({@link HeadCodec}). Logged. */
    public static final String HEADS = "tenant-heads";
    /** The tenant partition's copy of the access view: tenants and API keys. Logged. */
    public static final String ACCESS = "access-state";
    /**
     * Per (tenant, key id): a tenant's data keys, wrapped ({@code WrappedDataKey}). Logged: its
     * changelog is the keys' only home; a deleted key leaves the disk and, compacted, the changelog.
     */
    public static final String KEYS = "tenant-keys";
    /** Per tenant: the retention policy in force and the proposals waiting ({@code RetentionState}). Logged. */
    public static final String RETENTION = "retention-state-v2";
    /**
     * Per tenant: its published policy versions, each with status and publication seq
     * ({@code PolicyRegistry}); the documents stay in their entries' payloads. Logged.
     */
    public static final String POLICIES = "policy-state";
    /** Per (tenant, seq): the entry's header and origin ({@code RunEntry}). Projection of the entries topic. */
    public static final String ENTRIES = "entries-projection-v2";
    /** Per (tenant, idempotency digest): request fingerprint and seq ({@link StoreKeys}). Projection of the entries topic. */
    public static final String IDEMPOTENCY = "idempotency-projection-v2";
    /** Per (tenant, decision-id digest): the seq of the decision's entry. Projection of the entries topic. */
    public static final String DECISIONS = "decisions-projection";
    /**
     * Per (tenant, level, index): the hash of a perfect Merkle subtree of 16 leaves or more
     * ({@link MerkleNodes}). Projection of the entries topic.
     */
    public static final String NODES = "merkle-nodes";
    /** Per (tenant, seq): the payload envelope. Projection of the payloads topic; a deleted value leaves the disk. */
    public static final String PAYLOADS = "payloads-projection";

    /** Every store the chain processor reads or writes. */
    public static final String[] CHAIN_STORES = {HEADS, ACCESS, KEYS, RETENTION, POLICIES, ENTRIES, IDEMPOTENCY, DECISIONS, PAYLOADS, NODES};
    /** The projections (the payload projector writes the payloads one, and keeps its position in another). */
    public static final String[] PROJECTIONS = {ENTRIES, IDEMPOTENCY, DECISIONS, PAYLOADS, NODES};

    private ChainStores() {
    }

    public static List<StoreBuilder<?>> builders() {
        return List.of(
                // Cached: a busy tenant's head changes with every entry, but only its last value per
                // commit needs to reach RocksDB and the changelog.
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADS), Serdes.String(), Serdes.ByteArray())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCESS), Serdes.String(),
                        new AvroBinarySerde<>(AccessRecord.class)),
                Stores.keyValueStoreBuilder(new ErasingRocksDbSupplier(KEYS), Serdes.Bytes(),
                        new AvroBinarySerde<>(WrappedDataKey.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETENTION), Serdes.String(),
                        new AvroBinarySerde<>(RetentionState.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICIES), Serdes.String(),
                        new AvroBinarySerde<>(PolicyRegistry.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTRIES), Serdes.Bytes(),
                        new AvroBinarySerde<>(RunEntry.class)).withLoggingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IDEMPOTENCY), Serdes.Bytes(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECISIONS), Serdes.Bytes(), Serdes.Long())
                        .withLoggingDisabled(),
                Stores.keyValueStoreBuilder(new ErasingRocksDbSupplier(PAYLOADS), Serdes.Bytes(),
                        new AvroBinarySerde<>(PayloadEnvelope.class)).withLoggingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NODES), Serdes.Bytes(), Serdes.ByteArray())
                        .withLoggingDisabled());
    }
}
