package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpsRequiredFilterTest {

    private final HttpsRequiredFilter filter = new HttpsRequiredFilter(TrustedProxies.of(List.of("10.0.0.0/8")));

    @Test
    void shouldRefusePlainHttpWithHttpsRequiredInTheErrorShape() throws Exception {
        ServletExchange exchange = ServletExchange.request("POST", "203.0.113.9", false)
                .header("X-Forwarded-Proto", "https") // from a client, not a trusted proxy
                .header("X-Correlation-Id", "client-chosen-id-1");

        filter.doFilter(exchange.httpRequest(), exchange.httpResponse(), exchange.chain());

        assertThat(exchange.passedOn).isFalse();
        assertThat(exchange.status).isEqualTo(403);
        assertThat(exchange.responseHeader("Content-Type")).isEqualTo("application/json");
        assertThat(exchange.responseHeader("X-Correlation-Id")).isEqualTo("client-chosen-id-1");
        JsonNode body = new ObjectMapper().readTree(exchange.bodyText());
        assertThat(body.get("code").asText()).isEqualTo("HTTPS_REQUIRED");
        assertThat(body.get("message").asText()).isEqualTo("this API is served over HTTPS only");
        assertThat(body.get("correlation_id").asText()).isEqualTo("client-chosen-id-1");
    }

    @Test
    void shouldLetTlsAndTrustedProxiedHttpsThrough() throws Exception {
        ServletExchange tls = ServletExchange.request("GET", "203.0.113.9", true);
        ServletExchange proxied = ServletExchange.request("GET", "10.1.1.1", false).header("X-Forwarded-Proto", "https");

        filter.doFilter(tls.httpRequest(), tls.httpResponse(), tls.chain());
        filter.doFilter(proxied.httpRequest(), proxied.httpResponse(), proxied.chain());

        assertThat(tls.passedOn).isTrue();
        assertThat(proxied.passedOn).isTrue();
    }

    @Test
    void shouldRefusePlainHttpFromATrustedProxyThatSaysHttp() throws Exception {
        ServletExchange exchange = ServletExchange.request("GET", "10.1.1.1", false).header("X-Forwarded-Proto", "http");

        filter.doFilter(exchange.httpRequest(), exchange.httpResponse(), exchange.chain());

        assertThat(exchange.status).isEqualTo(403);
    }
}
