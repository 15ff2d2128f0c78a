package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualTime time = new ManualTime();
    private final RateLimiter limiter = new RateLimiter(LimitPolicy.CLIENT_IP, new Quota(4, 2),
            Map.of("big", new Quota(10, 5)), 100, time);

    @Test
    void shouldAllowABurstThenRefuseWithTheTimeToTheNextToken() {
        for (int left = 3; left >= 0; left--) {
            RateLimitState state = limiter.consume("198.51.100.1");
            assertThat(state.allowed()).isTrue();
            assertThat(state.remaining()).isEqualTo(left);
        }

        RateLimitState refused = limiter.consume("198.51.100.1");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1); // one token every 0.5 s, rounded up
        assertThat(refused.resetSeconds()).isEqualTo(2); // four tokens at two a second
    }

    @Test
    void shouldRefillAtTheConfiguredRate() {
        IntStream.range(0, 4).forEach(i -> limiter.consume("k"));
        assertThat(limiter.consume("k").allowed()).isFalse();

        time.advance(Duration.ofMillis(500));

        assertThat(limiter.consume("k").allowed()).isTrue();
        assertThat(limiter.consume("k").allowed()).isFalse();

        time.advance(Duration.ofSeconds(10));

        RateLimitState full = limiter.consume("k");
        assertThat(full.remaining()).as("capped at the burst").isEqualTo(3);
    }

    @Test
    void shouldKeepOneBucketPerKey() {
        IntStream.range(0, 4).forEach(i -> limiter.consume("a"));

        assertThat(limiter.consume("a").allowed()).isFalse();
        assertThat(limiter.consume("b").allowed()).isTrue();
    }

    @Test
    void shouldApplyAKeysOverride() {
        RateLimitState state = limiter.consume("big");

        assertThat(state.quota()).isEqualTo(new Quota(10, 5));
        assertThat(state.remaining()).isEqualTo(9);
        assertThat(limiter.quotaOf("other")).isEqualTo(new Quota(4, 2));
    }

    @Test
    void shouldForgetBucketsIdleLongerThanTheirRefill() {
        IntStream.range(0, 50).forEach(i -> limiter.consume("10.0.0." + i));
        assertThat(limiter.trackedKeys()).isEqualTo(50);

        time.advance(Duration.ofSeconds(4)); // longest refill is 2 s, plus a second's margin

        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void shouldHoldNoMoreThanMaxKeysWhenAddressesAreSprayed() {
        IntStream.range(0, 5_000).forEach(i -> limiter.consume("spray-" + i));

        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
    }
}
