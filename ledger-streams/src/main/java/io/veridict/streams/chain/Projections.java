package io.veridict.streams.chain;

import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The projection stores of one chain task ({@link ChainStores}): what they hold and how an entry or
 * a payload is applied to them. The chain processor applies what it chains, the payload projector
 * what the payloads topic says, and {@link ProjectionRebuild} what the topics held before.
 */
record Projections(KeyValueStore<Bytes, RunEntry> entries, KeyValueStore<Bytes, byte[]> idempotency,
                   KeyValueStore<Bytes, Long> decisions, KeyValueStore<Bytes, PayloadEnvelope> payloads,
                   KeyValueStore<Bytes, byte[]> nodes) {

    static Projections of(ProcessingContext context) {
        return new Projections(context.getStateStore(ChainStores.ENTRIES), context.getStateStore(ChainStores.IDEMPOTENCY),
                context.getStateStore(ChainStores.DECISIONS), context.getStateStore(ChainStores.PAYLOADS),
                context.getStateStore(ChainStores.NODES));
    }

    /** Applies a chained entry: its header by seq, and the lookups its origin allows. */
    void apply(String tenant, RunEntry entry) {
        long seq = entry.getHeader().getSeq();
        entries.put(StoreKeys.seq(tenant, seq), entry);
        EntryOrigin origin = entry.getOrigin();
        if (origin != null) {
            idempotency.put(StoreKeys.digestKey(tenant, origin.getIdempotencyDigest().bytes()),
                    IdempotencyValue.encode(origin.getRequestFingerprint().bytes(), seq));
            if (origin.getDecisionDigest() != null) {
                decisions.put(StoreKeys.digestKey(tenant, origin.getDecisionDigest().bytes()), seq);
            }
        }
    }

    /** Applies a payloads-topic record: a value is stored, a tombstone erases. */
    void applyPayload(String tenant, long seq, PayloadEnvelope envelope) {
        if (envelope == null) {
            payloads.delete(StoreKeys.seq(tenant, seq));
        } else {
            payloads.put(StoreKeys.seq(tenant, seq), envelope);
        }
    }

    /**
     * Removes every entry of a tenant at or beyond its head ({@code heads}: the committed heads,
     * restored by Kafka Streams from their changelog), with its lookups and payload: what a task
     * wrote to its projections for a transaction that never committed. Entries below a tenant's
     * head are committed (seqs are gapless), so nothing committed is touched.
     *
     * @return how many entries were removed
     */
    int removeUncommitted(KeyValueStore<String, byte[]> heads) {
        List<RunEntry> phantoms = new ArrayList<>();
        Bytes next = null;
        while (true) {
            RunEntry first;
            try (KeyValueIterator<Bytes, RunEntry> it = next == null ? entries.all() : entries.range(next, null)) {
                if (!it.hasNext()) {
                    break;
                }
                first = it.next().value;
            }
            String tenant = first.getHeader().getTenantId();
            byte[] head = heads.get(tenant);
            long size = head == null ? 0 : HeadCodec.decode(tenant, head).size();
            try (KeyValueIterator<Bytes, RunEntry> beyond = entries.range(StoreKeys.seq(tenant, size),
                    StoreKeys.seq(tenant, Long.MAX_VALUE))) {
                beyond.forEachRemaining(kv -> phantoms.add(kv.value));
            }
            next = StoreKeys.afterTenant(tenant);
        }
        Map<String, long[]> beyondHeads = new HashMap<>();
        for (RunEntry phantom : phantoms) {
            String tenant = phantom.getHeader().getTenantId();
            byte[] head = heads.get(tenant);
            long size = head == null ? 0 : HeadCodec.decode(tenant, head).size();
            beyondHeads.merge(tenant, new long[] {size, phantom.getHeader().getSeq()},
                    (a, b) -> new long[] {a[0], Math.max(a[1], b[1])});
        }
        beyondHeads.forEach((tenant, range) -> MerkleNodes.removeFrom(nodes, tenant, range[0], range[1]));
        for (RunEntry phantom : phantoms) {
            String tenant = phantom.getHeader().getTenantId();
            long seq = phantom.getHeader().getSeq();
            entries.delete(StoreKeys.seq(tenant, seq));
            payloads.delete(StoreKeys.seq(tenant, seq));
            EntryOrigin origin = phantom.getOrigin();
            if (origin != null) {
                idempotency.delete(StoreKeys.digestKey(tenant, origin.getIdempotencyDigest().bytes()));
                if (origin.getDecisionDigest() != null) {
                    decisions.delete(StoreKeys.digestKey(tenant, origin.getDecisionDigest().bytes()));
                }
            }
        }
        return phantoms.size();
    }

    /** The offset of {@code topic}'s partition up to which every record has been applied (0: none). */
    long appliedUpTo(String topic) {
        byte[] value = idempotency.get(StoreKeys.position(topic));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** Records that every record of {@code topic}'s partition before {@code offset} has been applied. */
    void markApplied(String topic, long offset) {
        if (offset > appliedUpTo(topic)) {
            idempotency.put(StoreKeys.position(topic), ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        }
    }
}
