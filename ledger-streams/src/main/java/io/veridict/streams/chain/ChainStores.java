package io.veridict.streams.chain;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.StoredEntry;
import io.veridict.schemas.serde.AvroBinarySerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The chain processor's RocksDB stores, each backed by a changelog topic. Names are part of
 * the deployment: renaming one orphans its changelog.
 */
public final class ChainStores {

    /** Per tenant: next seq, chain hash, Merkle frontier ({@link HeadCodec}). */
    public static final String HEADS = "tenant-heads";
    /** Per (tenant, idempotency key): command fingerprint and the seq it created. */
    public static final String IDEMPOTENCY = "idempotency-index";
    /** Per (tenant, seq): header, payload and lookup keys ({@link StoredEntry}); also the leaf hashes by seq. */
    public static final String ENTRIES = "entries-by-seq";
    /** Per (tenant, decision id): the seq of the decision's entry. */
    public static final String DECISIONS = "decisions-by-id";
    /** The tenant partition's copy of the access view: tenants and API keys ({@link io.veridict.streams.access.AccessKeys}). */
    public static final String ACCESS = "access-state";

    private ChainStores() {
    }

    public static List<StoreBuilder<?>> builders() {
        return List.of(
                // Cached: a busy tenant's head changes with every entry, but only its last value per
                // commit needs to reach RocksDB and the changelog.
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADS), Serdes.String(), Serdes.ByteArray())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IDEMPOTENCY), Serdes.Bytes(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTRIES), Serdes.Bytes(), new AvroBinarySerde<>(StoredEntry.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECISIONS), Serdes.Bytes(), Serdes.Long()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCESS), Serdes.String(), new AvroBinarySerde<>(AccessRecord.class)));
    }
}
