package io.veridict.webhooks.target;

/**
 * What an IP address is, as far as delivering a webhook to it is concerned. Every class but
 * {@link #PUBLIC} is refused by the production policy.
 *
 * <p>An IPv6 address that embeds an IPv4 address (IPv4-mapped, IPv4-compatible,
 * IPv4-translated, 6to4, NAT64, Teredo) has the class of the IPv4 address it embeds when that
 * one is not public.
 */
public enum AddressClass {

    /** Globally reachable unicast: the only class a webhook may be delivered to. */
    PUBLIC,
    /** 127.0.0.0/8 and ::1. */
    LOOPBACK,
    /** "This network" 0.0.0.0/8 and the unspecified address ::. */
    UNSPECIFIED,
    /** RFC 1918 private networks (10/8, 172.16/12, 192.168/16) and IPv6 unique-local fc00::/7. */
    PRIVATE,
    /** Shared address space for carrier-grade NAT, 100.64.0.0/10 (RFC 6598). */
    SHARED,
    /** 169.254.0.0/16 and fe80::/10. */
    LINK_LOCAL,
    /** The deprecated IPv6 site-local fec0::/10 (RFC 3879). */
    SITE_LOCAL,
    /** 224.0.0.0/4 and ff00::/8. */
    MULTICAST,
    /**
     * Reserved or not usable as a destination: 240.0.0.0/4 with the limited broadcast address
     * 255.255.255.255, the former 6to4 relay anycast 192.88.99.0/24, the IPv6 discard-only
     * prefix 100::/64, ORCHID 2001:10::/28 and ORCHIDv2 2001:20::/28, and IPv6 outside the
     * global unicast range 2000::/3 that no other class covers.
     */
    RESERVED,
    /** Benchmarking: 198.18.0.0/15 (RFC 2544) and 2001:2::/48 (RFC 5180). */
    BENCHMARKING,
    /**
     * Documentation: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32
     * (RFC 3849) and 3fff::/20 (RFC 9637).
     */
    DOCUMENTATION,
    /** IETF protocol assignments: 192.0.0.0/24 and the rest of 2001::/23 (RFC 6890). */
    IETF_PROTOCOL,
    /**
     * A cloud provider's instance metadata or credentials endpoint: 169.254.169.254,
     * 169.254.170.2, 169.254.170.23, 100.100.100.200, 168.63.129.16, fd00:ec2::254 and
     * fd00:ec2::23.
     */
    METADATA;

    /**
     * Whether an address of this class is refused unless a policy permits the class.
     *
     * @return {@code true} for every class but {@link #PUBLIC}
     */
    public boolean isForbidden() {
        return this != PUBLIC;
    }
}
