package io.veridict.api.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies (load balancers, TLS terminators) whose forwarding headers are believed.
 * A request's headers are written by whoever sent it, so {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} mean something only when the socket peer is one of these proxies;
 * with none configured they are ignored entirely.
 */
public final class TrustedProxies {

    /** The header a proxy appends the address it received the request from to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** The header a proxy states the scheme the client used in. */
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<Cidr> networks;

    private TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * @param cidrs networks in CIDR notation, or bare addresses
     * @throws IllegalArgumentException when one does not parse
     */
    public static TrustedProxies of(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream().map(Cidr::parse).toList());
    }

    /** Whether no proxy is trusted: the socket peer is always the client. */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether {@code address} (an IP literal) belongs to a trusted proxy. */
    public boolean isTrusted(String address) {
        return IpLiteral.parse(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /**
     * The client's IP address. The socket {@code peer} is the client unless it is a trusted
     * proxy; then the client is the right-most {@code X-Forwarded-For} entry that is not itself
     * a trusted proxy (entries to its left were written by the client and prove nothing). When
     * every entry is a trusted proxy the left-most is the client; when that entry is not an IP
     * literal, or there is none, the peer is.
     *
     * @param peer         the socket peer's address, as the servlet container reports it
     * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
     * @return the client address in canonical form
     */
    public String clientIp(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiteral.parse(peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get())) {
            return peerAddress.map(IpLiteral::format).orElse(peer);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                return IpLiteral.format(peerAddress.get());
            }
            if (!isTrusted(hop.get()) || i == 0) {
                return IpLiteral.format(hop.get());
            }
        }
        return IpLiteral.format(peerAddress.get());
    }

    /**
     * Whether the client used HTTPS: the connection itself is TLS, or the socket {@code peer} is
     * a trusted proxy whose {@code X-Forwarded-Proto} says {@code https}.
     *
     * @param tls            whether the request arrived on a TLS connector
     * @param peer           the socket peer's address
     * @param forwardedProto the {@code X-Forwarded-Proto} header, or {@code null}
     */
    public boolean arrivedOverHttps(boolean tls, String peer, String forwardedProto) {
        if (tls) {
            return true;
        }
        return forwardedProto != null && isTrusted(peer) && lastValue(forwardedProto).equalsIgnoreCase("https");
    }

    /** A chain of proxies may append to the header: the last value is the nearest proxy's. */
    private static String lastValue(String header) {
        return header.substring(header.lastIndexOf(',') + 1).strip();
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
