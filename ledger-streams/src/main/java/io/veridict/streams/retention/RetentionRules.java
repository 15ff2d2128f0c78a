package io.veridict.streams.retention;

import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a retention policy and a legal hold say, as pure functions: how long an entry is kept, whether
 * a change shortens anything, what a hold covers, and which ones are well formed (docs/retention.md).
 * {@link RetentionChanges} applies them to a tenant's state.
 */
public final class RetentionRules {

    private RetentionRules() {
    }

    /** Whether a hold covers {@code seq}'s entry: recorded at {@code recordedAt}, labelled {@code label}, with decision-id digest {@code decisionDigest}. */
    public static boolean covers(LegalHold hold, Instant recordedAt, String label, byte[] decisionDigest) {
        if (hold.getWholeTenant()) {
            return true;
        }
        if (decisionDigest != null && hold.getDecisionDigests().stream()
                .anyMatch(d -> java.util.Arrays.equals(d.bytes(), decisionDigest))) {
            return true;
        }
        return hold.getRecordedFrom() != null && !recordedAt.isBefore(hold.getRecordedFrom())
                && recordedAt.isBefore(hold.getRecordedTo())
                && (hold.getLabels().isEmpty() || (label != null && hold.getLabels().contains(label)));
    }

    static boolean wellFormed(LegalHold hold) {
        int kinds = (hold.getWholeTenant() ? 1 : 0) + (hold.getDecisionDigests().isEmpty() ? 0 : 1)
                + (hold.getRecordedFrom() != null || hold.getRecordedTo() != null ? 1 : 0);
        if (kinds != 1) {
            return false;
        }
        boolean range = hold.getRecordedFrom() != null || hold.getRecordedTo() != null;
        if (range && (hold.getRecordedFrom() == null || hold.getRecordedTo() == null
                || !hold.getRecordedFrom().isBefore(hold.getRecordedTo()))) {
            return false;
        }
        return range || hold.getLabels().isEmpty();
    }

    /**
     * Whether {@code proposed} gives any (entry type, label) a shorter retention than {@code current}.
     * A label without a rule of its own falls back to its entry type's rule without a label; without
     * either, payloads are kept forever.
     */
    static boolean shortensAnything(RetentionPolicy current, RetentionPolicy proposed) {
        Set<String> types = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (RetentionPolicy p : List.of(current, proposed)) {
            for (RetentionRule r : p.getRules()) {
                types.add(r.getEntryType());
                if (r.getLabel() != null) {
                    labels.add(r.getLabel());
                }
            }
        }
        for (String type : types) {
            List<String> all = new ArrayList<>(labels);
            all.add(null);
            for (String label : all) {
                Long before = effective(current, type, label);
                Long after = effective(proposed, type, label);
                if (after != null && (before == null || after < before)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Seconds an entry of {@code type} labelled {@code label} is kept under {@code policy}; null: forever. */
    public static Long effective(RetentionPolicy policy, String type, String label) {
        RetentionRule typeRule = null;
        for (RetentionRule r : policy.getRules()) {
            if (r.getEntryType().equals(type)) {
                if (Objects.equals(r.getLabel(), label)) {
                    return r.getRetainSeconds();
                }
                if (r.getLabel() == null) {
                    typeRule = r;
                }
            }
        }
        return typeRule == null ? null : typeRule.getRetainSeconds();
    }

    static boolean wellFormed(RetentionPolicy policy) {
        Set<String> seen = new HashSet<>();
        for (RetentionRule r : policy.getRules()) {
            if (!seen.add(r.getEntryType() + "\u0000" + r.getLabel()) || (r.getRetainSeconds() != null && r.getRetainSeconds() <= 0)) {
                return false;
            }
        }
        return true;
    }
}
