package io.veridict.webhooks.target;

import static io.veridict.webhooks.target.TestResolver.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The classifier on raw address bytes: every forbidden range, its edges, and embedded IPv4 forms. */
class AddressRulesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, UNSPECIFIED",
        "0.255.255.255, UNSPECIFIED",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "100.64.0.1, SHARED",
        "100.127.255.255, SHARED",
        "127.0.0.1, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "169.254.0.1, LINK_LOCAL",
        "169.254.255.255, LINK_LOCAL",
        "169.254.169.254, METADATA",
        "169.254.170.2, METADATA",
        "169.254.170.23, METADATA",
        "100.100.100.200, METADATA",
        "168.63.129.16, METADATA",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.0.0.1, IETF_PROTOCOL",
        "192.0.0.255, IETF_PROTOCOL",
        "192.0.2.1, DOCUMENTATION",
        "192.88.99.1, RESERVED",
        "192.168.0.1, PRIVATE",
        "192.168.255.255, PRIVATE",
        "198.18.0.1, BENCHMARKING",
        "198.19.255.255, BENCHMARKING",
        "198.51.100.7, DOCUMENTATION",
        "203.0.113.9, DOCUMENTATION",
        "224.0.0.1, MULTICAST",
        "239.255.255.255, MULTICAST",
        "240.0.0.1, RESERVED",
        "255.255.255.254, RESERVED",
        "255.255.255.255, RESERVED",
    })
    void shouldClassifyEveryForbiddenIpv4Range(String literal, AddressClass expected) {
        assertThat(AddressRules.classify(ip(literal))).isEqualTo(expected);
        assertThat(AddressRules.isForbidden(ip(literal))).isTrue();
    }

    @ParameterizedTest(name = "{0} is PUBLIC")
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.0.3.0",
        "192.88.98.255", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "198.51.101.0",
        "203.0.114.1", "223.255.255.255",
    })
    void shouldClassifyPublicIpv4AndTheNeighboursOfForbiddenRangesAsPublic(String literal) {
        assertThat(AddressRules.classify(ip(literal))).isEqualTo(AddressClass.PUBLIC);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "::, UNSPECIFIED",
        "::1, LOOPBACK",
        "fc00::1, PRIVATE",
        "fd12:3456:789a::1, PRIVATE",
        "fe80::1, LINK_LOCAL",
        "febf:ffff::1, LINK_LOCAL",
        "fec0::1, SITE_LOCAL",
        "feff::1, SITE_LOCAL",
        "ff02::1, MULTICAST",
        "ff0e::101, MULTICAST",
        "2001:db8::1, DOCUMENTATION",
        "2001:db8:ffff::1, DOCUMENTATION",
        "3fff::1, DOCUMENTATION",
        "3fff:fff::1, DOCUMENTATION",
        "100::1, RESERVED",
        "100::ffff:ffff:ffff:ffff, RESERVED",
        "2001:10::1, RESERVED",
        "2001:1f::1, RESERVED",
        "2001:20::1, RESERVED",
        "2001:2f::1, RESERVED",
        "2001:2::1, BENCHMARKING",
        "2001:1::1, IETF_PROTOCOL",
        "2001:1ff::1, IETF_PROTOCOL",
        "fd00:ec2::254, METADATA",
        "fd00:ec2::23, METADATA",
        "5f00::1, RESERVED",
        "1234::1, RESERVED",
        "::1:0:0:1, RESERVED",
        "64:ff9b:1:1::1, RESERVED",
    })
    void shouldClassifyEveryForbiddenIpv6Range(String literal, AddressClass expected) {
        assertThat(AddressRules.classify(ip(literal))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} embeds {1}")
    @CsvSource({
        // IPv4-mapped ::ffff:0:0/96
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:169.254.169.254, METADATA",
        "::ffff:0.0.0.0, UNSPECIFIED",
        "::ffff:100.64.0.1, SHARED",
        "::ffff:255.255.255.255, RESERVED",
        // IPv4-compatible ::/96
        "::127.0.0.2, LOOPBACK",
        "::10.0.0.1, PRIVATE",
        "::169.254.169.254, METADATA",
        "::192.168.1.1, PRIVATE",
        "::0.0.0.2, UNSPECIFIED",
        // IPv4-translated ::ffff:0:0:0/96
        "::ffff:0:127.0.0.1, LOOPBACK",
        "::ffff:0:169.254.169.254, METADATA",
        "::ffff:0:172.16.0.1, PRIVATE",
        // 6to4 2002::/16, IPv4 in bits 16-47
        "2002:7f00:1::1, LOOPBACK",
        "2002:a9fe:a9fe::1, METADATA",
        "2002:c0a8:101::1, PRIVATE",
        "2002:a00:1:1::1, PRIVATE",
        "2002:e000:1::, MULTICAST",
        // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
        "64:ff9b::127.0.0.1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, METADATA",
        "64:ff9b::10.1.2.3, PRIVATE",
        "64:ff9b::198.18.0.1, BENCHMARKING",
        "64:ff9b:1::10.0.0.1, PRIVATE",
        "64:ff9b:1::169.254.169.254, METADATA",
        // Teredo 2001::/32: client in the last 32 bits, inverted; server in bits 32-63
        "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
        "2001:0:4136:e378:8000:63bf:5601:5601, METADATA",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, DOCUMENTATION",
        "2001:0:a00:1::f7f7:f7f7, PRIVATE",
        "2001:0:7f00:1::f7f7:f7f7, LOOPBACK",
    })
    void shouldClassifyIpv6ThatEmbedsAForbiddenIpv4ByTheEmbeddedAddress(String literal, AddressClass expected) {
        assertThat(AddressRules.classify(ip(literal))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is PUBLIC")
    @ValueSource(strings = {
        "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::200e", "2000::1", "3ffe::1",
        "2002:808:808::1", "2002:101:101::", "64:ff9b::8.8.8.8", "64:ff9b:1::8.8.8.8", "::ffff:8.8.8.8",
        "::ffff:0:1.1.1.1", "::8.8.8.8", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2001:db7:ffff::1", "2001:200::1",
        "3fff:1000::1",
    })
    void shouldClassifyPublicIpv6AsPublic(String literal) {
        assertThat(AddressRules.classify(ip(literal))).isEqualTo(AddressClass.PUBLIC);
    }

    @Test
    void shouldClassifyAnIpv4MappedAddressAlikeWhetherJavaMakesItAnInet4OrAnInet6Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        InetAddress converted = InetAddress.getByAddress(mapped);
        InetAddress kept = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(converted).isInstanceOf(Inet4Address.class);
        assertThat(kept).isInstanceOf(Inet6Address.class);
        assertThat(AddressRules.classify(converted)).isEqualTo(AddressClass.METADATA);
        assertThat(AddressRules.classify(kept)).isEqualTo(AddressClass.METADATA);
        assertThat(AddressRules.classify(mapped)).isEqualTo(AddressClass.METADATA);
        assertThat(AddressRules.classify(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo(AddressClass.LOOPBACK);
    }

    @Test
    void shouldClassifyALinkLocalAddressWithAScopeByItsBytes() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 1);

        assertThat(AddressRules.classify(scoped)).isEqualTo(AddressClass.LINK_LOCAL);
    }

    @Test
    void shouldRefuseByteArraysThatAreNotAnAddress() {
        assertThatThrownBy(() -> AddressRules.classify(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRules.classify(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldForbidEveryClassButPublic() {
        for (AddressClass c : AddressClass.values()) {
            assertThat(c.isForbidden()).as(c.name()).isEqualTo(c != AddressClass.PUBLIC);
        }
    }
}
