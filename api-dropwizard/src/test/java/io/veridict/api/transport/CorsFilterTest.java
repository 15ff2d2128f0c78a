package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsFilterTest {

    private final CorsFilter filter = new CorsFilter(List.of("https://app.example.com"));

    @Test
    void shouldAnswerAPreflightFromAnAllowedOrigin() throws Exception {
        ServletExchange preflight = ServletExchange.request("OPTIONS", "203.0.113.9", true)
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST");

        filter.doFilter(preflight.httpRequest(), preflight.httpResponse(), preflight.chain());

        assertThat(preflight.passedOn).isFalse();
        assertThat(preflight.status).isEqualTo(204);
        assertThat(preflight.responseHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.responseHeader("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(preflight.responseHeader("Access-Control-Allow-Headers"))
                .isEqualTo("Authorization, Content-Type, Idempotency-Key, X-Veridict-Tenant-Id, X-Correlation-Id");
        assertThat(preflight.responseHeader("Vary")).isEqualTo("Origin");
    }

    @Test
    void shouldExposeTheApiHeadersToAnAllowedOrigin() throws Exception {
        ServletExchange get = ServletExchange.request("GET", "203.0.113.9", true).header("Origin", "https://APP.example.com");

        filter.doFilter(get.httpRequest(), get.httpResponse(), get.chain());

        assertThat(get.passedOn).isTrue();
        assertThat(get.responseHeader("Access-Control-Allow-Origin")).isEqualTo("https://APP.example.com");
        assertThat(get.responseHeader("Access-Control-Expose-Headers"))
                .isEqualTo("X-Correlation-Id, RateLimit, RateLimit-Policy, Retry-After");
    }

    @Test
    void shouldGiveAnotherOriginNoCorsHeaderAndLeaveItsPreflightToTheApi() throws Exception {
        ServletExchange preflight = ServletExchange.request("OPTIONS", "203.0.113.9", true)
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST");

        filter.doFilter(preflight.httpRequest(), preflight.httpResponse(), preflight.chain());

        assertThat(preflight.passedOn).isTrue();
        assertThat(preflight.responseHeaders.keySet()).noneMatch(name -> name.startsWith("Access-Control-"));
        assertThat(preflight.responseHeader("Vary")).isEqualTo("Origin");
    }
}
