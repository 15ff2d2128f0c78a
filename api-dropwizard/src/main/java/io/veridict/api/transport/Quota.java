package io.veridict.api.transport;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;

/**
 * A token bucket's shape: it holds up to {@code burst} requests and refills continuously at
 * {@code perSecond} requests a second. Announced to clients as {@code burst} requests per
 * {@link #windowSeconds()} (the time an empty bucket takes to fill).
 *
 * @param burst     the bucket's capacity, at least {@code perSecond}
 * @param perSecond the refill rate, at least 1
 */
public record Quota(long burst, long perSecond) {

    public Quota {
        if (perSecond < 1 || burst < perSecond) {
            throw new IllegalArgumentException("a quota needs 1 <= perSecond <= burst, not burst=" + burst
                    + " perSecond=" + perSecond);
        }
    }

    /** Whole seconds an empty bucket takes to fill again: the {@code w} of {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return ceilDiv(burst, perSecond);
    }

    /** Nanoseconds an empty bucket takes to fill; a bucket idle this long is as good as new. */
    long refillNanos() {
        return ceilDiv(burst * 1_000_000_000L, perSecond);
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
    }

    static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
