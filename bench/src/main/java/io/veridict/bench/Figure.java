package io.veridict.bench;

import java.util.Objects;

/**
 * One reported figure: what was measured, its runs summarised, the target it is judged by (if
 * any) and how many operations failed while measuring it (over every run).
 *
 * @param id      stable machine-readable name, e.g. {@code chain.entries_per_s}
 * @param label   what a reader sees, e.g. {@code "chain throughput (start -> M outcomes)"}
 * @param unit    e.g. {@code records/s}, {@code ms}, {@code x}
 * @param value   the runs summarised; the median is judged
 * @param target  the target, or {@code null} for an informational figure
 * @param errors  failed operations over every run (HTTP answers other than 200/201, send
 *                errors, outcomes other than CHAINED, verification failures); never negative
 */
public record Figure(String id, String label, String unit, Summary value, Target target, long errors) {

    /** How a figure's median compares with its target. */
    public enum Verdict {
        /** The median meets the target. */
        PASS,
        /** The median misses the target (too slow, or a latency too high). */
        BELOW,
        /** No target: a baseline or a figure given for context. */
        INFO
    }

    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(value, "value");
        if (errors < 0) {
            throw new IllegalArgumentException("errors must be >= 0, got " + errors);
        }
    }

    /** An informational figure without target. */
    public static Figure info(String id, String label, String unit, Summary value, long errors) {
        return new Figure(id, label, unit, value, null, errors);
    }

    /** @return the verdict of the median against the target */
    public Verdict verdict() {
        if (target == null) {
            return Verdict.INFO;
        }
        return target.isMetBy(value.median()) ? Verdict.PASS : Verdict.BELOW;
    }
}
