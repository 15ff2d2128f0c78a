package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.api.auth.RequestAttributes;
import io.veridict.api.errors.ApiException;
import java.time.Duration;
import java.util.Map;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;

class ClientIpLimitFilterTest {

    private final ManualTime time = new ManualTime();
    private final ClientIpLimitFilter filter = new ClientIpLimitFilter(
            new RateLimiter(LimitPolicy.CLIENT_IP, new Quota(2, 2), Map.of(), 100, time));

    @Test
    void shouldCountRequestsPerClientAddressAndRefuseOverTheBurst() {
        filter.filter(from("198.51.100.1"));
        ContainerRequest second = from("198.51.100.1");
        filter.filter(second);

        assertThat(((RateLimitState) second.getProperty(RateLimitState.PROPERTY)).limitHeader())
                .isEqualTo("\"client-ip\";r=0;t=1");
        ContainerRequest third = from("198.51.100.1");
        assertThatThrownBy(() -> filter.filter(third)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(429));
        assertThat(((RateLimitState) third.getProperty(RateLimitState.PROPERTY)).allowed()).isFalse();
        filter.filter(from("198.51.100.2"));
    }

    @Test
    void shouldLetAClientBackInOnceTokensRefill() {
        filter.filter(from("198.51.100.1"));
        filter.filter(from("198.51.100.1"));

        time.advance(Duration.ofMillis(500));

        filter.filter(from("198.51.100.1"));
    }

    private static ContainerRequest from(String clientIp) {
        ContainerRequest request = Requests.get("/v1/audit/head");
        request.setProperty(RequestAttributes.CLIENT_IP, clientIp);
        return request;
    }
}
