package io.veridict.bench;

/**
 * A performance target a figure is judged by: its median must be at least, or at most, a
 * threshold.
 *
 * @param atLeast   {@code true} for "median >= threshold", {@code false} for "median <= threshold"
 * @param threshold the threshold, in the figure's unit
 */
public record Target(boolean atLeast, double threshold) {

    /** The median must be {@code >= threshold}. */
    public static Target atLeast(double threshold) {
        return new Target(true, threshold);
    }

    /** The median must be {@code <= threshold}. */
    public static Target atMost(double threshold) {
        return new Target(false, threshold);
    }

    /** @return whether {@code value} meets the target; {@code NaN} never does */
    public boolean isMetBy(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return atLeast ? value >= threshold : value <= threshold;
    }

    /** @return e.g. {@code ">= 0.50"} or {@code "<= 50.0"} */
    public String describe() {
        return (atLeast ? ">= " : "<= ") + Table.number(threshold);
    }
}
