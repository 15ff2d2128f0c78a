package io.veridict.api.core;

import io.veridict.schemas.avro.StoredEntry;
import io.veridict.schemas.format.ChainHead;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.StoreKeys;
import io.veridict.streams.chain.HeadCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a tenant's ledger from the chain processor's stores (interactive queries).
 *
 * <p>Every method reads this instance's stores only; {@link #ownerOf} says which instance
 * holds a tenant, so a request landing elsewhere can be forwarded. A store that is not
 * queryable (rebalancing, restoring) raises {@link LedgerUnavailableException}.
 */
public final class LedgerQueries {

    private final KafkaStreams streams;

    public LedgerQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The instance whose stores hold {@code tenant}'s ledger, or empty if not known yet. */
    public Optional<HostInfo> ownerOf(String tenant) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ChainStores.HEADS, tenant, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
    }

    /** The tenant's head, or empty for a tenant with no entries. */
    public Optional<ChainHead> head(String tenant) {
        byte[] head = read(ChainStores.HEADS, () -> this.<String, byte[]>store(ChainStores.HEADS).get(tenant));
        return Optional.ofNullable(head).map(bytes -> HeadCodec.decode(tenant, bytes));
    }

    public Optional<StoredEntry> entry(String tenant, long seq) {
        return Optional.ofNullable(read(ChainStores.ENTRIES,
                () -> this.<Bytes, StoredEntry>store(ChainStores.ENTRIES).get(StoreKeys.seq(tenant, seq))));
    }

    /** Entries {@code fromSeq..toSeq} (inclusive) in seq order, at most {@code limit}. */
    public List<StoredEntry> entries(String tenant, long fromSeq, long toSeq, int limit) {
        List<StoredEntry> page = new ArrayList<>();
        if (fromSeq > toSeq) {
            return page;
        }
        return read(ChainStores.ENTRIES, () -> {
            try (KeyValueIterator<Bytes, StoredEntry> it = this.<Bytes, StoredEntry>store(ChainStores.ENTRIES)
                    .range(StoreKeys.seq(tenant, fromSeq), StoreKeys.seq(tenant, toSeq))) {
                while (it.hasNext() && page.size() < limit) {
                    KeyValue<Bytes, StoredEntry> next = it.next();
                    page.add(next.value);
                }
            }
            return page;
        });
    }

    /** The seq of the entry recording {@code decisionId}, or empty. */
    public Optional<Long> decisionSeq(String tenant, String decisionId) {
        return Optional.ofNullable(read(ChainStores.DECISIONS,
                () -> this.<Bytes, Long>store(ChainStores.DECISIONS).get(StoreKeys.decision(tenant, decisionId))));
    }

    /** The seq created by {@code idempotencyKey}, or empty if that key has not been chained. */
    public Optional<Long> seqOfIdempotencyKey(String tenant, String idempotencyKey) {
        byte[] seen = read(ChainStores.IDEMPOTENCY,
                () -> this.<Bytes, byte[]>store(ChainStores.IDEMPOTENCY).get(StoreKeys.idempotency(tenant, idempotencyKey)));
        return Optional.ofNullable(seen).map(v -> ByteBuffer.wrap(v, v.length - Long.BYTES, Long.BYTES).getLong());
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    /** Runs a store read; a store that is not queryable (yet) is a retriable unavailability. */
    private static <T> T read(String store, Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new LedgerUnavailableException("the ledger view " + store + " is not readable right now; retry shortly", e);
        }
    }
}
