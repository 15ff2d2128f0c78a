package io.veridict.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure over the repeated runs of a measurement: the median (what is reported and judged)
 * with the smallest and largest run.
 *
 * <p>Runs that produced no value ({@code NaN}, e.g. a latency percentile with no successful
 * request) are left out of median, min and max but kept in {@link #runs()}; when every run is
 * {@code NaN}, so are median, min and max.
 *
 * @param median the median of the runs (the mean of the two middle values for an even count)
 * @param min    the smallest run
 * @param max    the largest run
 * @param runs   every run's value, in run order
 */
public record Summary(double median, double min, double max, List<Double> runs) {

    public Summary {
        runs = List.copyOf(runs);
    }

    /** Summarises per-run values. */
    public static Summary of(List<Double> runs) {
        List<Double> values = new ArrayList<>();
        for (Double v : runs) {
            if (v != null && !v.isNaN()) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, runs);
        }
        Collections.sort(values);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
        return new Summary(median, values.get(0), values.get(n - 1), runs);
    }

    /** Summarises one value taken from each run's result. */
    public static <R> Summary of(List<R> results, ToDoubleFunction<R> value) {
        return of(results.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    /** This summary with every value multiplied by {@code factor} (e.g. a ratio to a baseline). */
    public Summary scaled(double factor) {
        return of(runs.stream().map(v -> v * factor).toList());
    }
}
