package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies NONE = TrustedProxies.of(List.of());
    private static final TrustedProxies BALANCERS = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8", "192.168.7.7"));

    @Test
    void shouldIgnoreForwardedForEntirelyWithoutTrustedProxies() {
        assertThat(NONE.clientIp("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(NONE.clientIp("10.1.2.3", List.of("198.51.100.1, 10.9.9.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldIgnoreForwardedForFromAPeerThatIsNotATrustedProxy() {
        assertThat(BALANCERS.clientIp("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldTakeTheRightMostEntryThatIsNotATrustedProxy() {
        // The client wrote "1.1.1.1" itself (spoofed); the balancer appended what it saw.
        List<String> header = List.of("1.1.1.1, 198.51.100.20, 10.0.0.5");

        assertThat(BALANCERS.clientIp("10.0.0.1", header)).isEqualTo("198.51.100.20");
    }

    @Test
    void shouldReadEveryForwardedForHeaderInOrder() {
        assertThat(BALANCERS.clientIp("10.0.0.1", List.of("1.1.1.1", "198.51.100.20", "10.0.0.5")))
                .isEqualTo("198.51.100.20");
    }

    @Test
    void shouldTakeTheLeftMostEntryWhenEveryHopIsTrusted() {
        assertThat(BALANCERS.clientIp("10.0.0.1", List.of("10.4.4.4, 10.0.0.5"))).isEqualTo("10.4.4.4");
    }

    @Test
    void shouldFallBackToThePeerWhenTheProxySentNothingUsable() {
        assertThat(BALANCERS.clientIp("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
        assertThat(BALANCERS.clientIp("10.0.0.1", List.of("1.1.1.1, unknown"))).isEqualTo("10.0.0.1");
        assertThat(BALANCERS.clientIp("10.0.0.1", List.of("1.1.1.1, localhost"))).as("no DNS lookup").isEqualTo("10.0.0.1");
    }

    @Test
    void shouldAcceptPortsBracketsAndIpv6() {
        assertThat(BALANCERS.clientIp("fd00::1", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(BALANCERS.clientIp("192.168.7.7", List.of("198.51.100.20:5555"))).isEqualTo("198.51.100.20");
    }

    @Test
    void shouldBelieveForwardedProtoOnlyFromATrustedProxy() {
        assertThat(BALANCERS.arrivedOverHttps(false, "10.0.0.1", "https")).isTrue();
        assertThat(BALANCERS.arrivedOverHttps(false, "10.0.0.1", "http, https")).isTrue();
        assertThat(BALANCERS.arrivedOverHttps(false, "10.0.0.1", "http")).isFalse();
        assertThat(BALANCERS.arrivedOverHttps(false, "203.0.113.9", "https")).isFalse();
        assertThat(NONE.arrivedOverHttps(false, "10.0.0.1", "https")).isFalse();
        assertThat(NONE.arrivedOverHttps(true, "203.0.113.9", null)).isTrue();
    }

    @Test
    void shouldRefuseAnEntryThatIsNoNetwork() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 32");
    }
}
