package io.veridict.streams.chain;

import io.veridict.schemas.avro.ErasureTarget;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.streams.retention.RetentionPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A tenant's {@link RetentionPlan} from the chain's projections: its payloads still stored, in
 * seq order, each with its entry. The chain plans its runs with it, the API its dry runs, from
 * the same stores.
 */
public final class RetentionPlans {

    private RetentionPlans() {
    }

    public static RetentionPlan of(ReadOnlyKeyValueStore<Bytes, PayloadEnvelope> payloads,
                                   ReadOnlyKeyValueStore<Bytes, RunEntry> entries, String tenant, RetentionState state,
                                   Instant now) {
        if (state.getPolicy().getRules().isEmpty()) {
            return new RetentionPlan(java.util.List.of(), 0, false); // everything is kept forever: nothing to scan
        }
        try (KeyValueIterator<Bytes, PayloadEnvelope> live = payloads.range(StoreKeys.seq(tenant, 0),
                StoreKeys.seq(tenant, Long.MAX_VALUE))) {
            return RetentionPlan.of(state, new LiveEntries(live, entries), now, RetentionPlan.MAX_PER_RUN);
        }
    }

    /**
     * What erasing {@code target} would erase now: the live payload of the decision it names, or
     * of every decision recorded with the subject it names (at most {@link RetentionPlan#MAX_PER_RUN}
     * and {@code more} beyond), those a hold covers counted as held.
     *
     * For the whole tenant (its deletion): every payload still stored, in one plan without limit,
     * except the erasure records', which hold no tenant data and must stay for verifiers.
     *
     * @param decisions decision-id digests to seqs
     * @return the plan, or null when the target names a decision id the tenant never recorded
     */
    public static RetentionPlan erasure(ReadOnlyKeyValueStore<Bytes, PayloadEnvelope> payloads,
                                        ReadOnlyKeyValueStore<Bytes, RunEntry> entries,
                                        ReadOnlyKeyValueStore<Bytes, Long> decisions, String tenant, ErasureTarget target,
                                        List<LegalHold> holds) {
        if (target.getWholeTenant()) {
            return wholeTenant(payloads, tenant);
        }
        if (target.getDecisionDigest() != null) {
            Long seq = decisions.get(StoreKeys.digestKey(tenant, target.getDecisionDigest().bytes()));
            if (seq == null) {
                return null;
            }
            RunEntry entry = entries.get(StoreKeys.seq(tenant, seq));
            if (entry == null || payloads.get(StoreKeys.seq(tenant, seq)) == null) {
                return new RetentionPlan(List.of(), 0, false);
            }
            return RetentionPlan.erasure(List.of(entry), holds, RetentionPlan.MAX_PER_RUN);
        }
        try (KeyValueIterator<Bytes, PayloadEnvelope> live = payloads.range(StoreKeys.seq(tenant, 0),
                StoreKeys.seq(tenant, Long.MAX_VALUE))) {
            LiveEntries all = new LiveEntries(live, entries);
            List<RunEntry> named = new ArrayList<>();
            byte[] subject = target.getSubjectDigest().bytes();
            while (all.hasNext()) {
                RunEntry entry = all.next();
                if (entry.getOrigin() != null && entry.getOrigin().getSubjectDigest() != null
                        && Arrays.equals(entry.getOrigin().getSubjectDigest().bytes(), subject)) {
                    named.add(entry);
                }
            }
            return RetentionPlan.erasure(named, holds, RetentionPlan.MAX_PER_RUN);
        }
    }

    private static RetentionPlan wholeTenant(ReadOnlyKeyValueStore<Bytes, PayloadEnvelope> payloads, String tenant) {
        List<Long> erase = new ArrayList<>();
        try (KeyValueIterator<Bytes, PayloadEnvelope> live = payloads.range(StoreKeys.seq(tenant, 0),
                StoreKeys.seq(tenant, Long.MAX_VALUE))) {
            while (live.hasNext()) {
                var next = live.next();
                // Only erasure records are stored unsealed (every other payload, and every payload
                // written before encryption existed, is a decision, key or tenant operation: sealed or erased).
                if (next.value.getKeyId() != null || !isErasureRecord(next.value)) {
                    erase.add(StoreKeys.seqOf(next.key));
                }
            }
        }
        return new RetentionPlan(erase, 0, false);
    }

    private static boolean isErasureRecord(PayloadEnvelope clear) {
        byte[] payload = new byte[clear.getCiphertext().remaining()];
        clear.getCiphertext().duplicate().get(payload);
        return io.veridict.schemas.format.PayloadAccounting.ErasureRecord.parseOrNull(Long.MAX_VALUE, payload) != null;
    }

    /** The entries of the payloads an iterator walks; a payload without an entry is skipped. */
    private static final class LiveEntries implements Iterator<RunEntry> {
        private final KeyValueIterator<Bytes, PayloadEnvelope> live;
        private final ReadOnlyKeyValueStore<Bytes, RunEntry> entries;
        private RunEntry next;

        LiveEntries(KeyValueIterator<Bytes, PayloadEnvelope> live, ReadOnlyKeyValueStore<Bytes, RunEntry> entries) {
            this.live = live;
            this.entries = entries;
            this.next = advance();
        }

        private RunEntry advance() {
            while (live.hasNext()) {
                RunEntry entry = entries.get(live.next().key);
                if (entry != null) {
                    return entry;
                }
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public RunEntry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            RunEntry current = next;
            next = advance();
            return current;
        }
    }
}
