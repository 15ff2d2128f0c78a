package io.veridict.api.core;

import io.veridict.schemas.avro.RetentionState;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.MerkleProofs;
import io.veridict.streams.chain.ChainViews;
import io.veridict.streams.chain.LedgerRow;
import io.veridict.streams.crypto.Kms;
import io.veridict.streams.retention.RetentionPlan;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads a tenant's ledger from this instance's projections ({@link ChainViews}). Every method
 * reads this instance's stores only; {@link #ownerOf} says which instance holds a tenant, so a
 * request landing elsewhere can be forwarded. A store that is not queryable (rebalancing,
 * restoring) raises {@link LedgerUnavailableException}.
 */
public final class LedgerQueries {

    private final ChainViews views;

    /**
     * @param kms unwraps the tenants' data keys, so that payloads are read back in the clear
     */
    public LedgerQueries(KafkaStreams streams, Kms kms) {
        this.views = new ChainViews(streams, kms);
    }

    /** The instance whose stores hold {@code tenant}'s ledger, or empty if not known yet. */
    public Optional<HostInfo> ownerOf(String tenant) {
        return views.ownerOf(tenant);
    }

    /** The tenant's head, or empty for a tenant with no entries. */
    public Optional<ChainHead> head(String tenant) {
        return read(() -> views.head(tenant));
    }

    /** The root of the tenant's tree at {@code size} (at most its head's size). */
    public byte[] root(String tenant, long size) {
        return read(() -> MerkleProofs.root(views.subtrees(tenant), size));
    }

    /** The inclusion proof of {@code seq} in the tenant's tree of {@code size} leaves (at most its head's size). */
    public List<byte[]> inclusionProof(String tenant, long seq, long size) {
        return read(() -> MerkleProofs.inclusion(views.subtrees(tenant), seq, size));
    }

    /** The consistency proof from the tenant's tree of {@code fromSize} leaves to that of {@code toSize}. */
    public List<byte[]> consistencyProof(String tenant, long fromSize, long toSize) {
        return read(() -> MerkleProofs.consistency(views.subtrees(tenant), fromSize, toSize));
    }

    /** The tenant's retention state, or empty when it never had one. */
    public Optional<RetentionState> retention(String tenant) {
        return read(() -> views.retention(tenant));
    }

    /** The tenant's published policy versions, in the order published. */
    public java.util.List<io.veridict.schemas.avro.PolicyVersion> policies(String tenant) {
        return read(() -> views.policies(tenant));
    }

    /** What a retention run of {@code tenant} would erase at {@code now}. */
    public RetentionPlan retentionPlan(String tenant, RetentionState state, java.time.Instant now) {
        return read(() -> views.retentionPlan(tenant, state, now));
    }

    public Optional<LedgerRow> entry(String tenant, long seq) {
        return read(() -> views.entry(tenant, seq));
    }

    /** Entries {@code fromSeq..toSeq} (inclusive) in seq order, at most {@code limit}. */
    public List<LedgerRow> entries(String tenant, long fromSeq, long toSeq, int limit) {
        return read(() -> views.entries(tenant, fromSeq, toSeq, limit));
    }

    /** The seq of the entry recording {@code decisionId}, or empty. */
    public Optional<Long> decisionSeq(String tenant, String decisionId) {
        return read(() -> views.decisionSeq(tenant, decisionId));
    }

    /** The seq created by {@code idempotencyKey}, or empty if that key has not been chained. */
    public Optional<Long> seqOfIdempotencyKey(String tenant, String idempotencyKey) {
        return read(() -> views.seqOfIdempotencyKey(tenant, idempotencyKey));
    }

    /** Runs a store read; a store that is not queryable (yet) is a retriable unavailability. */
    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new LedgerUnavailableException("the ledger views are not readable right now; retry shortly", e);
        }
    }
}
