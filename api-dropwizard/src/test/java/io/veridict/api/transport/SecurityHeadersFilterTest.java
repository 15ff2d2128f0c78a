package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    private final SecurityHeadersFilter filter = new SecurityHeadersFilter(TrustedProxies.of(List.of("10.0.0.0/8")));

    @Test
    void shouldHardenEveryResponseAndPassTheRequestOn() throws Exception {
        ServletExchange exchange = ServletExchange.request("GET", "203.0.113.9", false);

        filter.doFilter(exchange.httpRequest(), exchange.httpResponse(), exchange.chain());

        assertThat(exchange.passedOn).isTrue();
        assertThat(exchange.responseHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(exchange.responseHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(exchange.responseHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(exchange.responseHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(exchange.responseHeader("Strict-Transport-Security")).as("plain HTTP").isNull();
    }

    @Test
    void shouldSendHstsOverTls() throws Exception {
        ServletExchange exchange = ServletExchange.request("GET", "203.0.113.9", true);

        filter.doFilter(exchange.httpRequest(), exchange.httpResponse(), exchange.chain());

        assertThat(exchange.responseHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    void shouldSendHstsWhenATrustedProxySaysHttpsButNotWhenAClientDoes() throws Exception {
        ServletExchange proxied = ServletExchange.request("GET", "10.0.0.2", false).header("X-Forwarded-Proto", "https");
        ServletExchange spoofed = ServletExchange.request("GET", "203.0.113.9", false).header("X-Forwarded-Proto", "https");

        filter.doFilter(proxied.httpRequest(), proxied.httpResponse(), proxied.chain());
        filter.doFilter(spoofed.httpRequest(), spoofed.httpResponse(), spoofed.chain());

        assertThat(proxied.responseHeader("Strict-Transport-Security")).isNotNull();
        assertThat(spoofed.responseHeader("Strict-Transport-Security")).isNull();
    }
}
