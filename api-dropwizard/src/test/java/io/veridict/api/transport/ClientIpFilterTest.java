package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.auth.RequestAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpFilterTest {

    @Test
    void shouldPutTheSocketPeerInCanonicalFormAndPassTheRequestOn() throws Exception {
        ClientIpFilter filter = new ClientIpFilter(TrustedProxies.of(List.of()));

        assertThat(clientIp(filter, ServletExchange.request("GET", "203.0.113.9", false))).isEqualTo("203.0.113.9");
        assertThat(clientIp(filter, ServletExchange.request("GET", "[::1]", false))).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(clientIp(filter, ServletExchange.request("GET", "::1", false))).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void shouldIgnoreForwardedForWithoutTrustedProxies() throws Exception {
        ClientIpFilter filter = new ClientIpFilter(TrustedProxies.of(List.of()));

        assertThat(clientIp(filter, ServletExchange.request("GET", "203.0.113.9", false).header("X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.9");
        assertThat(clientIp(filter, ServletExchange.request("GET", "203.0.113.9", false).header("X-Forwarded-For", "198.51.100.2")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void shouldBelieveForwardedForOnlyFromATrustedProxyOnEveryRequest() throws Exception {
        ClientIpFilter filter = new ClientIpFilter(TrustedProxies.of(List.of("10.0.0.0/8")));

        assertThat(clientIp(filter, ServletExchange.request("GET", "10.0.0.2", false).header("X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("198.51.100.1");
        assertThat(clientIp(filter, ServletExchange.request("GET", "10.0.0.2", false).header("X-Forwarded-For", "198.51.100.2")))
                .isEqualTo("198.51.100.2");
        assertThat(clientIp(filter, ServletExchange.request("GET", "203.0.113.9", false).header("X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void shouldAnswerEveryPeerCorrectlyBeyondThePeersItRemembers() throws Exception {
        ClientIpFilter filter = new ClientIpFilter(TrustedProxies.of(List.of()));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < ClientIpFilter.REMEMBERED_PEERS + 100; i++) {
                String peer = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                assertThat(clientIp(filter, ServletExchange.request("GET", peer, false))).isEqualTo(peer);
            }
        }
    }

    private static Object clientIp(ClientIpFilter filter, ServletExchange exchange) throws Exception {
        filter.doFilter(exchange.httpRequest(), exchange.httpResponse(), exchange.chain());
        assertThat(exchange.passedOn).isTrue();
        return exchange.attributes.get(RequestAttributes.CLIENT_IP);
    }
}
