package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void shouldContainExactlyTheAddressesOfItsPrefix() {
        Cidr network = Cidr.parse("172.16.0.0/12");

        assertThat(network.contains(address("172.16.0.1"))).isTrue();
        assertThat(network.contains(address("172.31.255.255"))).isTrue();
        assertThat(network.contains(address("172.32.0.0"))).isFalse();
        assertThat(network.contains(address("172.15.255.255"))).isFalse();
    }

    @Test
    void shouldTreatABareAddressAsANetworkOfOne() {
        assertThat(Cidr.parse("192.0.2.1").contains(address("192.0.2.1"))).isTrue();
        assertThat(Cidr.parse("192.0.2.1").contains(address("192.0.2.2"))).isFalse();
        assertThat(Cidr.parse("::1").contains(address("::1"))).isTrue();
    }

    @Test
    void shouldNeverMixIpv4AndIpv6() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(address("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(address("192.0.2.1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(address("2001:db8:ffff::1"))).isTrue();
    }

    @Test
    void shouldRefuseMalformedNetworks() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
