package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class RateLimitStateTest {

    @Test
    void shouldFormatTheStructuredFieldHeaders() {
        RateLimitState state = new RateLimitState(LimitPolicy.CLIENT_IP, new Quota(100, 50), 42, 2, 0);

        assertThat(state.policyHeader()).isEqualTo("\"client-ip\";q=100;w=2");
        assertThat(state.limitHeader()).isEqualTo("\"client-ip\";r=42;t=2");
    }

    @Test
    void shouldRoundTheWindowUpToWholeSeconds() {
        assertThat(new RateLimitState(LimitPolicy.TENANT, new Quota(400, 200), 0, 1, 1).policyHeader())
                .isEqualTo("\"tenant\";q=400;w=2");
        assertThat(new Quota(10, 3).windowSeconds()).isEqualTo(4);
        assertThat(new Quota(5, 5).windowSeconds()).isEqualTo(1);
    }

    @Test
    void shouldRefuseWithRateLimitedAndRetryAfter() {
        ApiException refusal = new RateLimitState(LimitPolicy.TENANT, new Quota(400, 200), 0, 2, 3).refusal();

        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.code()).isEqualTo("RATE_LIMITED");
        assertThat(refusal.getMessage()).isEqualTo("too many requests from this tenant (at most 400 per 2 s); retry after 3 s");
        assertThat(refusal.headers()).containsEntry("Retry-After", "3");
    }
}
