package io.veridict.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of one measurement, in nanoseconds, kept exactly (no histogram buckets).
 *
 * <p>{@link #record} MAY be called from many threads at once. {@link #snapshot} MUST be called
 * only after every recording thread has finished (joined, or its future completed), so that all
 * values are visible. Capacity is fixed at construction: a recorder never grows, and recording
 * more than its capacity throws.
 */
public final class LatencyRecorder {

    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    /** @param capacity the most latencies this recorder will hold */
    public LatencyRecorder(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.nanos = new long[capacity];
    }

    /**
     * Records one latency.
     *
     * @param latencyNanos the latency; a negative value (a clock oddity) is recorded as 0
     * @throws IllegalStateException when the recorder is full
     */
    public void record(long latencyNanos) {
        int i = count.getAndIncrement();
        if (i >= nanos.length) {
            count.decrementAndGet();
            throw new IllegalStateException("latency recorder full: capacity " + nanos.length);
        }
        nanos[i] = Math.max(0, latencyNanos);
    }

    /** @return how many latencies were recorded */
    public int count() {
        return Math.min(count.get(), nanos.length);
    }

    /** @return the recorded latencies, sorted, as an immutable snapshot */
    public Snapshot snapshot() {
        long[] sorted = Arrays.copyOf(nanos, count());
        Arrays.sort(sorted);
        return new Snapshot(sorted);
    }

    /** Sorted latencies and their percentiles. */
    public static final class Snapshot {

        private final long[] sorted;

        Snapshot(long[] sorted) {
            this.sorted = sorted;
        }

        /** @return how many latencies the snapshot holds */
        public int count() {
            return sorted.length;
        }

        /**
         * The nearest-rank percentile: the smallest recorded value such that at least
         * {@code p} percent of all values are less than or equal to it, i.e. the value of rank
         * {@code ceil(p / 100 * n)} (1-based) in sorted order; {@code p = 0} gives the minimum.
         *
         * @param p the percentile, 0 to 100
         * @return the latency in milliseconds, or {@code NaN} when nothing was recorded
         */
        public double percentileMillis(double p) {
            if (p < 0 || p > 100 || Double.isNaN(p)) {
                throw new IllegalArgumentException("percentile must be within 0..100, got " + p);
            }
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return toMillis(sorted[Math.max(rank, 1) - 1]);
        }

        /** @return the largest latency in milliseconds, or {@code NaN} when nothing was recorded */
        public double maxMillis() {
            return sorted.length == 0 ? Double.NaN : toMillis(sorted[sorted.length - 1]);
        }

        private static double toMillis(long nanos) {
            return nanos / 1e6;
        }
    }
}
