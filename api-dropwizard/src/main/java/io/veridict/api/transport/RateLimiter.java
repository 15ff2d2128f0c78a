package io.veridict.api.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One token bucket per key (client address or tenant) of one {@link LimitPolicy}, kept in
 * memory on this instance.
 *
 * <p>The buckets are held in a bounded cache so that keys chosen by clients (an attacker
 * spraying source addresses) cannot exhaust memory: a bucket idle for as long as its quota takes
 * to refill is dropped, which loses nothing since a new bucket starts full; beyond
 * {@code maxKeys} the least recently used buckets are dropped, which can only forgive requests,
 * never refuse more.
 */
public final class RateLimiter {

    private final LimitPolicy policy;
    private final Quota quota;
    private final Map<String, Quota> overrides;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /**
     * @param policy    the tier, named in headers and errors
     * @param quota     every key's quota unless overridden
     * @param overrides quotas of particular keys
     * @param maxKeys   most buckets kept at once
     * @param time      the clock buckets refill by ({@link TimeMeter#SYSTEM_NANOTIME} in production)
     */
    public RateLimiter(LimitPolicy policy, Quota quota, Map<String, Quota> overrides, long maxKeys, TimeMeter time) {
        this.policy = policy;
        this.quota = quota;
        this.overrides = Map.copyOf(overrides);
        this.time = time;
        long idleNanos = this.overrides.values().stream().mapToLong(Quota::refillNanos).reduce(quota.refillNanos(), Math::max);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(idleNanos).plusSeconds(1))
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Lets the request go on if {@code key} has a token left and takes it; otherwise throws the
     * 429. Either way the result is kept in the request property {@link RateLimitState#PROPERTY}.
     *
     * @throws io.veridict.api.errors.ApiException {@code RATE_LIMITED} with {@code Retry-After}
     */
    public void admit(ContainerRequestContext request, String key) {
        RateLimitState state = consume(key);
        request.setProperty(RateLimitState.PROPERTY, state);
        if (!state.allowed()) {
            throw state.refusal();
        }
    }

    /** Takes one token from {@code key}'s bucket if there is one, and says what is left. */
    public RateLimitState consume(String key) {
        Quota applied = quotaOf(key);
        Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(applied.bandwidth())
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new RateLimitState(policy, applied, probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), retryAfter);
    }

    /** The quota of {@code key}: its override, or the default. */
    public Quota quotaOf(String key) {
        return overrides.getOrDefault(key, quota);
    }

    /** How many buckets are held now (after dropping idle ones). */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static long seconds(long nanos) {
        return Quota.ceilDiv(nanos, TimeUnit.SECONDS.toNanos(1));
    }
}
