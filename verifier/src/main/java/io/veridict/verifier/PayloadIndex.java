package io.veridict.verifier;

import io.veridict.schemas.format.PayloadAccounting.ErasureRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads topic condensed to what verification needs: for each (tenant, seq) key, what
 * the <em>last</em> record seen for it held (a later value replaces an earlier one, as
 * compaction would; a tombstone means erased), and where that record sits.
 *
 * <p>Memory: about 140 bytes of heap per key holding a payload (map node, boxed seq, this
 * class's {@link Seen}, the 32-byte hash), about 100 per tombstone; so roughly 140 MB per
 * million entries verified at once. Keys are removed as their entries are verified
 * ({@link #take}); what remains at the end are orphans. Not thread-safe.
 */
final class PayloadIndex {

    /** What the last record for a key held. */
    enum State {
        /** A clear-text payload; its SHA-256 is kept. */
        PRESENT,
        /** A tombstone: erased. */
        ERASED,
        /** An encrypted envelope: not checkable without the tenant's key. */
        ENCRYPTED,
        /** A value that cannot be decoded. */
        UNREADABLE
    }

    /**
     * The last record seen for a key.
     *
     * @param state         what it held
     * @param hashOrNull    when {@link State#PRESENT}: the payload hash of the bytes, salted
     *                      (format version 2) when a salt is stored with them, plain SHA-256
     *                      (version 1) when not; null when the stored salt has the wrong size
     * @param salted        whether a salt is stored with the payload
     * @param partition     its partition
     * @param offset        its offset
     * @param problemOrNull why it is unreadable, for {@link State#UNREADABLE}; for a
     *                      {@link State#PRESENT} payload without a hash, what is wrong with its salt
     * @param erasureOrNull when {@link State#PRESENT} and the payload is an erasure record
     *                      (ledger format §9.7): the seqs it names, counted once its entry verifies
     */
    record Seen(State state, byte[] hashOrNull, boolean salted, int partition, long offset, String problemOrNull,
                ErasureRecord erasureOrNull) {

        Seen(State state, byte[] hashOrNull, boolean salted, int partition, long offset, String problemOrNull) {
            this(state, hashOrNull, salted, partition, offset, problemOrNull, null);
        }
    }

    /** A key left over after every entry took its payload. */
    record Leftover(String tenantId, long seq, Seen seen) {
    }

    private final Map<String, Map<Long, Seen>> byTenant = new HashMap<>();

    /** Records the latest record for a key, replacing any earlier one. */
    void put(String tenantId, long seq, Seen seen) {
        byTenant.computeIfAbsent(tenantId, t -> new HashMap<>()).put(seq, seen);
    }

    /**
     * Removes and returns what was seen for a key.
     *
     * @return the last record for (tenant, seq), or null when the topic held none (erased
     *         long enough ago that compaction removed the tombstone too)
     */
    Seen take(String tenantId, long seq) {
        Map<Long, Seen> seqs = byTenant.get(tenantId);
        return seqs == null ? null : seqs.remove(seq);
    }

    /** @return the keys not taken whose last record is not a tombstone, by tenant then seq */
    List<Leftover> leftovers() {
        List<Leftover> left = new ArrayList<>();
        byTenant.forEach((tenant, seqs) -> seqs.forEach((seq, seen) -> {
            if (seen.state() != State.ERASED) {
                left.add(new Leftover(tenant, seq, seen));
            }
        }));
        left.sort((a, b) -> a.tenantId().equals(b.tenantId()) ? Long.compare(a.seq(), b.seq())
                : a.tenantId().compareTo(b.tenantId()));
        return left;
    }
}
