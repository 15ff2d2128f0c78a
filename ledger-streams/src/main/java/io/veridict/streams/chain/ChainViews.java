package io.veridict.streams.chain;

import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.PolicyRegistry;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.MerkleProofs;
import io.veridict.streams.crypto.Kms;
import io.veridict.streams.crypto.OpenedPayload;
import io.veridict.streams.crypto.PayloadOpener;
import io.veridict.streams.retention.RetentionPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a tenant's ledger from the chain's stores on this instance (interactive queries): the
 * queries that go with the stores' codecs. A store that is not queryable right now (rebalancing,
 * restoring) throws Kafka Streams' {@code InvalidStateStoreException}.
 */
public final class ChainViews {

    private final KafkaStreams streams;
    private final PayloadOpener opener;

    /**
     * @param kms unwraps the tenants' data keys, to open their payloads for the API
     */
    public ChainViews(KafkaStreams streams, Kms kms) {
        this.streams = streams;
        this.opener = new PayloadOpener(kms, (tenant, keyId) ->
                this.<Bytes, WrappedDataKey>store(ChainStores.KEYS).get(StoreKeys.dataKey(tenant, keyId)));
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
        byte[] head = this.<String, byte[]>store(ChainStores.HEADS).get(tenant);
        return Optional.ofNullable(head).map(bytes -> HeadCodec.decode(tenant, bytes));
    }

    public Optional<LedgerRow> entry(String tenant, long seq) {
        RunEntry entry = this.<Bytes, RunEntry>store(ChainStores.ENTRIES).get(StoreKeys.seq(tenant, seq));
        return Optional.ofNullable(entry).map(e -> new LedgerRow(e, payload(tenant, seq)));
    }

    /** Entries {@code fromSeq..toSeq} (inclusive) in seq order, at most {@code limit}. */
    public List<LedgerRow> entries(String tenant, long fromSeq, long toSeq, int limit) {
        List<LedgerRow> page = new ArrayList<>();
        if (fromSeq > toSeq) {
            return page;
        }
        try (KeyValueIterator<Bytes, RunEntry> it = this.<Bytes, RunEntry>store(ChainStores.ENTRIES)
                .range(StoreKeys.seq(tenant, fromSeq), StoreKeys.seq(tenant, toSeq))) {
            while (it.hasNext() && page.size() < limit) {
                KeyValue<Bytes, RunEntry> next = it.next();
                page.add(new LedgerRow(next.value, payload(tenant, next.value.getHeader().getSeq())));
            }
        }
        return page;
    }

    /**
     * The tenant's perfect Merkle subtrees ({@link MerkleNodes}), for roots and proofs at any size
     * up to its head. Read them within one question: the stores are read as they are asked.
     */
    public MerkleProofs.SubtreeHashes subtrees(String tenant) {
        return MerkleNodes.source(this.<Bytes, byte[]>store(ChainStores.NODES), this.<Bytes, RunEntry>store(ChainStores.ENTRIES),
                tenant);
    }

    /** The tenant's retention state, or empty when no retention request was ever chained. */
    public Optional<RetentionState> retention(String tenant) {
        return Optional.ofNullable(this.<String, RetentionState>store(ChainStores.RETENTION).get(tenant));
    }

    /** The tenant's published policy versions, in the order published (empty when it published none). */
    public List<PolicyVersion> policies(String tenant) {
        PolicyRegistry registry = this.<String, PolicyRegistry>store(ChainStores.POLICIES).get(tenant);
        return registry == null ? List.of() : registry.getVersions();
    }

    /** What a retention run of {@code tenant} would erase at {@code now}: its dry run. */
    public RetentionPlan retentionPlan(String tenant, RetentionState state, Instant now) {
        return RetentionPlans.of(this.<Bytes, PayloadEnvelope>store(ChainStores.PAYLOADS),
                this.<Bytes, RunEntry>store(ChainStores.ENTRIES), tenant, state, now);
    }

    /** The seq of the entry recording {@code decisionId}, or empty. */
    public Optional<Long> decisionSeq(String tenant, String decisionId) {
        return Optional.ofNullable(this.<Bytes, Long>store(ChainStores.DECISIONS).get(StoreKeys.decision(tenant, decisionId)));
    }

    /** The seq created by {@code idempotencyKey}, or empty if that key has not been chained. */
    public Optional<Long> seqOfIdempotencyKey(String tenant, String idempotencyKey) {
        byte[] seen = this.<Bytes, byte[]>store(ChainStores.IDEMPOTENCY).get(StoreKeys.idempotency(tenant, idempotencyKey));
        return Optional.ofNullable(seen).map(IdempotencyValue::seqOf);
    }

    private OpenedPayload payload(String tenant, long seq) {
        return opener.open(tenant, seq, this.<Bytes, PayloadEnvelope>store(ChainStores.PAYLOADS).get(StoreKeys.seq(tenant, seq)));
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }
}
