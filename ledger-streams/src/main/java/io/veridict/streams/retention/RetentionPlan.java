package io.veridict.streams.retention;

import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.schemas.avro.RunEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a retention run erases: the payloads still stored whose retention under the policy in
 * force has passed and that no legal hold covers, in seq order, at most {@code limit} of them.
 * The same computation serves the run (in the chain) and its dry run (in the API), so a plan
 * shows exactly what a run at that moment would erase.
 *
 * @param erase     the seqs whose payloads go
 * @param held      payloads past their retention that a hold keeps
 * @param more      whether more payloads are due than {@code limit}: the next run takes them
 */
public record RetentionPlan(List<Long> erase, long held, boolean more) {

    /** Payloads one run erases at most: a run is one transaction. */
    public static final int MAX_PER_RUN = 10_000;

    /**
     * @param live the tenant's entries whose payload is still stored, in seq order
     */
    public static RetentionPlan of(RetentionState state, Iterator<RunEntry> live, Instant now, int limit) {
        List<Long> erase = new ArrayList<>();
        long held = 0;
        while (live.hasNext()) {
            RunEntry entry = live.next();
            LedgerEntry header = entry.getHeader();
            if (header.getEntryType() != EntryType.DECISION) {
                // Retention rules name decisions only: key, tenant, retention and policy operations
                // are kept for good, whatever a rule written to the commands topic directly says.
                continue;
            }
            EntryOrigin origin = entry.getOrigin();
            String label = origin == null ? null : origin.getRetentionLabel();
            Long retain = RetentionRules.effective(state.getPolicy(), header.getEntryType().name(), label);
            if (retain == null || header.getRecordedAt().plusSeconds(retain).isAfter(now)) {
                continue;
            }
            byte[] decision = origin == null || origin.getDecisionDigest() == null ? null : origin.getDecisionDigest().bytes();
            if (heldBy(state.getHolds(), header.getRecordedAt(), label, decision)) {
                held++;
                continue;
            }
            if (erase.size() == limit) {
                return new RetentionPlan(erase, held, true);
            }
            erase.add(header.getSeq());
        }
        return new RetentionPlan(erase, held, false);
    }

    /**
     * What an erasure on request erases of the entries it names (in seq order): each one no hold
     * covers, up to {@code limit}; those a hold covers are counted as held.
     */
    public static RetentionPlan erasure(List<RunEntry> named, List<LegalHold> holds, int limit) {
        List<Long> erase = new ArrayList<>();
        long held = 0;
        for (RunEntry entry : named) {
            LedgerEntry header = entry.getHeader();
            EntryOrigin origin = entry.getOrigin();
            String label = origin == null ? null : origin.getRetentionLabel();
            byte[] decision = origin == null || origin.getDecisionDigest() == null ? null : origin.getDecisionDigest().bytes();
            if (heldBy(holds, header.getRecordedAt(), label, decision)) {
                held++;
            } else if (erase.size() == limit) {
                return new RetentionPlan(erase, held, true);
            } else {
                erase.add(header.getSeq());
            }
        }
        return new RetentionPlan(erase, held, false);
    }

    /** The seqs to erase as inclusive ranges {@code [from, to]}, for the record of the run. */
    public List<long[]> ranges() {
        List<long[]> ranges = new ArrayList<>();
        for (long seq : erase) {
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == seq - 1) {
                ranges.get(ranges.size() - 1)[1] = seq;
            } else {
                ranges.add(new long[] {seq, seq});
            }
        }
        return ranges;
    }

    private static boolean heldBy(List<LegalHold> holds, Instant recordedAt, String label, byte[] decision) {
        return holds.stream().anyMatch(h -> RetentionRules.covers(h, recordedAt, label, decision));
    }
}
