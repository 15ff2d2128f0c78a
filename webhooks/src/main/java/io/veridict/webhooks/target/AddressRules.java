package io.veridict.webhooks.target;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * Classifies IP addresses by their raw bytes ({@link InetAddress#getAddress()}), never by their
 * text, so that no spelling of an address can change its class.
 *
 * <p>The ranges are those of the IANA IPv4 and IPv6 special-purpose address registries
 * (RFC 6890 and its updates), with the embedded-IPv4 formats of RFC 4291 (IPv4-compatible and
 * IPv4-mapped), RFC 2765 (IPv4-translated), RFC 3056 (6to4), RFC 6052 and RFC 8215 (NAT64) and
 * RFC 4380 (Teredo). An IPv6 address whose embedded IPv4 address is not public has that IPv4
 * address's class: a host that answers {@code ::ffff:127.0.0.1} or {@code 64:ff9b::a9fe:a9fe}
 * is as refused as one that answers {@code 127.0.0.1} or {@code 169.254.169.254}.
 *
 * <p>Java may return an IPv4-mapped IPv6 address as an {@link java.net.Inet4Address} (it does
 * for literals and for {@link InetAddress#getByAddress(byte[])}) or keep it an
 * {@link java.net.Inet6Address}; both are classified alike.
 */
public final class AddressRules {

    private static final int[] METADATA_V4 = {
        ipv4(169, 254, 169, 254), // AWS, GCP, Azure, OCI, DigitalOcean, OpenStack instance metadata
        ipv4(169, 254, 170, 2),   // AWS ECS task metadata and credentials
        ipv4(169, 254, 170, 23),  // AWS EKS Pod Identity agent
        ipv4(100, 100, 100, 200), // Alibaba Cloud instance metadata
        ipv4(168, 63, 129, 16),   // Azure platform (WireServer) address
    };

    private static final byte[][] METADATA_V6 = {
        ipv6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254), // AWS instance metadata over IPv6
        ipv6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0023), // AWS EKS Pod Identity agent over IPv6
    };

    private AddressRules() {
    }

    /**
     * The class of an address.
     *
     * @param address an IPv4 or IPv6 address
     * @return its class; {@link AddressClass#PUBLIC} when no forbidden range contains it
     */
    public static AddressClass classify(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return classify(address.getAddress());
    }

    /**
     * The class of an address given as its 4 (IPv4) or 16 (IPv6) network-order bytes.
     *
     * @param address the address bytes; not modified
     * @return its class
     * @throws IllegalArgumentException when the array is neither 4 nor 16 bytes long
     */
    public static AddressClass classify(byte[] address) {
        Objects.requireNonNull(address, "address");
        if (address.length == 4) {
            return classifyIpv4(toInt(address, 0));
        }
        if (address.length == 16) {
            return classifyIpv6(address);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
    }

    /**
     * Whether an address may not be delivered to under the production policy.
     *
     * @param address an IPv4 or IPv6 address
     * @return {@code true} unless the address is {@link AddressClass#PUBLIC}
     */
    public static boolean isForbidden(InetAddress address) {
        return classify(address).isForbidden();
    }

    static AddressClass classifyIpv4(int a) {
        for (int m : METADATA_V4) {
            if (a == m) {
                return AddressClass.METADATA;
            }
        }
        if (in(a, 0, 0, 0, 0, 8)) {
            return AddressClass.UNSPECIFIED;          // "this network", RFC 791 / RFC 1122
        }
        if (in(a, 10, 0, 0, 0, 8)) {
            return AddressClass.PRIVATE;              // RFC 1918
        }
        if (in(a, 100, 64, 0, 0, 10)) {
            return AddressClass.SHARED;               // RFC 6598
        }
        if (in(a, 127, 0, 0, 0, 8)) {
            return AddressClass.LOOPBACK;             // RFC 1122
        }
        if (in(a, 169, 254, 0, 0, 16)) {
            return AddressClass.LINK_LOCAL;           // RFC 3927
        }
        if (in(a, 172, 16, 0, 0, 12)) {
            return AddressClass.PRIVATE;              // RFC 1918
        }
        if (in(a, 192, 0, 0, 0, 24)) {
            return AddressClass.IETF_PROTOCOL;        // RFC 6890
        }
        if (in(a, 192, 0, 2, 0, 24)) {
            return AddressClass.DOCUMENTATION;        // TEST-NET-1, RFC 5737
        }
        if (in(a, 192, 88, 99, 0, 24)) {
            return AddressClass.RESERVED;             // former 6to4 relay anycast, RFC 7526
        }
        if (in(a, 192, 168, 0, 0, 16)) {
            return AddressClass.PRIVATE;              // RFC 1918
        }
        if (in(a, 198, 18, 0, 0, 15)) {
            return AddressClass.BENCHMARKING;         // RFC 2544
        }
        if (in(a, 198, 51, 100, 0, 24)) {
            return AddressClass.DOCUMENTATION;        // TEST-NET-2, RFC 5737
        }
        if (in(a, 203, 0, 113, 0, 24)) {
            return AddressClass.DOCUMENTATION;        // TEST-NET-3, RFC 5737
        }
        if (in(a, 224, 0, 0, 0, 4)) {
            return AddressClass.MULTICAST;            // RFC 5771
        }
        if (in(a, 240, 0, 0, 0, 4)) {
            return AddressClass.RESERVED;             // RFC 1112, with 255.255.255.255 (RFC 919)
        }
        return AddressClass.PUBLIC;
    }

    static AddressClass classifyIpv6(byte[] b) {
        for (byte[] m : METADATA_V6) {
            if (Arrays.equals(b, m)) {
                return AddressClass.METADATA;
            }
        }
        int w0 = word(b, 0);
        int w1 = word(b, 1);

        if (zero(b, 0, 12)) {
            int v4 = toInt(b, 12);
            if (v4 == 0) {
                return AddressClass.UNSPECIFIED;      // ::
            }
            if (v4 == 1) {
                return AddressClass.LOOPBACK;         // ::1
            }
            return classifyIpv4(v4);                  // IPv4-compatible ::/96, RFC 4291 2.5.5.1
        }
        if (zero(b, 0, 10) && word(b, 5) == 0xffff) {
            return classifyIpv4(toInt(b, 12));        // IPv4-mapped ::ffff:0:0/96, RFC 4291 2.5.5.2
        }
        if (zero(b, 0, 8) && word(b, 4) == 0xffff && word(b, 5) == 0) {
            return classifyIpv4(toInt(b, 12));        // IPv4-translated ::ffff:0:0:0/96, RFC 2765
        }
        if (w0 == 0x0064 && w1 == 0xff9b && zero(b, 4, 12)) {
            return classifyIpv4(toInt(b, 12));        // NAT64 well-known prefix 64:ff9b::/96, RFC 6052
        }
        if (w0 == 0x0064 && w1 == 0xff9b && word(b, 2) == 0x0001) {
            // Local-use NAT64 64:ff9b:1::/48 (RFC 8215). Where the IPv4 address sits depends on the
            // prefix length the operator chose (RFC 6052 2.2); only the /96 form, with bits 48-95
            // zero, says unambiguously which IPv4 address is meant.
            return zero(b, 6, 12) ? classifyIpv4(toInt(b, 12)) : AddressClass.RESERVED;
        }
        if (w0 == 0x0100 && zero(b, 2, 8)) {
            return AddressClass.RESERVED;             // discard-only 100::/64, RFC 6666
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            // Teredo 2001::/32 (RFC 4380): the server's IPv4 address in bits 32-63, the client's
            // in bits 96-127 with every bit inverted.
            AddressClass client = classifyIpv4(~toInt(b, 12));
            if (client.isForbidden()) {
                return client;
            }
            AddressClass server = classifyIpv4(toInt(b, 4));
            return server.isForbidden() ? server : AddressClass.PUBLIC;
        }
        if (w0 == 0x2001 && w1 == 0x0002 && word(b, 2) == 0) {
            return AddressClass.BENCHMARKING;         // 2001:2::/48, RFC 5180
        }
        if (w0 == 0x2001 && ((w1 & 0xfff0) == 0x0010 || (w1 & 0xfff0) == 0x0020)) {
            return AddressClass.RESERVED;             // ORCHID 2001:10::/28 (RFC 4843), ORCHIDv2 2001:20::/28 (RFC 7343)
        }
        if (w0 == 0x2001 && (w1 & 0xfe00) == 0) {
            return AddressClass.IETF_PROTOCOL;        // the rest of 2001::/23, RFC 2928 / RFC 6890
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return AddressClass.DOCUMENTATION;        // 2001:db8::/32, RFC 3849
        }
        if (w0 == 0x3fff && (w1 & 0xf000) == 0) {
            return AddressClass.DOCUMENTATION;        // 3fff::/20, RFC 9637
        }
        if (w0 == 0x2002) {
            AddressClass embedded = classifyIpv4(toInt(b, 2)); // 6to4 2002::/16, RFC 3056
            return embedded.isForbidden() ? embedded : AddressClass.PUBLIC;
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return AddressClass.PRIVATE;              // unique-local fc00::/7, RFC 4193
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return AddressClass.LINK_LOCAL;           // fe80::/10, RFC 4291
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return AddressClass.SITE_LOCAL;           // fec0::/10, RFC 3879
        }
        if ((w0 & 0xff00) == 0xff00) {
            return AddressClass.MULTICAST;            // ff00::/8, RFC 4291
        }
        if ((w0 & 0xe000) != 0x2000) {
            return AddressClass.RESERVED;             // outside global unicast 2000::/3
        }
        return AddressClass.PUBLIC;
    }

    private static boolean in(int address, int a, int b, int c, int d, int prefixLength) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (address & mask) == (ipv4(a, b, c, d) & mask);
    }

    private static int ipv4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    private static byte[] ipv6(int... words) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >>> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    private static int toInt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }

    private static int word(byte[] b, int index) {
        return ((b[2 * index] & 0xff) << 8) | (b[2 * index + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
