package io.veridict.webhooks.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A webhook target that {@link TargetCheck} allowed: the normalised scheme, host, port, path and
 * query, and the addresses that were checked. A delivery connects to these addresses and no
 * others. Only {@link TargetCheck} creates one.
 */
public final class CheckedTarget {

    private final String scheme;
    private final String host;
    private final boolean literal;
    private final int port;
    private final String path;
    private final String query;
    private final List<InetAddress> addresses;

    CheckedTarget(String scheme, String host, boolean literal, int port, String path, String query,
            List<InetAddress> addresses) {
        this.scheme = scheme;
        this.host = host;
        this.literal = literal;
        this.port = port;
        this.path = path;
        this.query = query;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * The scheme.
     *
     * @return {@code https}, or {@code http} where the policy allows it
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The host: a lower-case ASCII name (IDNA-converted, without a trailing dot), or an IP
     * literal in canonical form without brackets.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * Whether the host is an IP literal rather than a name.
     *
     * @return {@code true} for an IP literal
     */
    public boolean isLiteral() {
        return literal;
    }

    /**
     * The port, explicit or the scheme's default.
     *
     * @return a port from 1 to 65535
     */
    public int port() {
        return port;
    }

    /**
     * The raw (percent-encoded) path.
     *
     * @return the path, {@code /} when the URL had none
     */
    public String path() {
        return path;
    }

    /**
     * The raw (percent-encoded) query.
     *
     * @return the query without {@code ?}, or {@code null} when the URL had none
     */
    public String query() {
        return query;
    }

    /**
     * The addresses that were checked, in the resolver's order; a delivery connects to these only.
     *
     * @return the checked addresses, never empty
     */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /**
     * The URL to request: the normalised scheme, host, port (omitted when it is the scheme's
     * default), path and query.
     *
     * @return the request URI
     */
    public URI uri() {
        StringBuilder s = new StringBuilder(scheme).append("://").append(hostForUri());
        if (port != defaultPort(scheme)) {
            s.append(':').append(port);
        }
        s.append(path);
        if (query != null) {
            s.append('?').append(query);
        }
        return URI.create(s.toString());
    }

    String hostForUri() {
        return literal && host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    static String literalText(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = text.indexOf('%');
            return zone >= 0 ? text.substring(0, zone) : text;
        }
        return text;
    }

    /** Scheme, host and port, and the checked addresses; never the path or query. */
    @Override
    public String toString() {
        return scheme + "://" + hostForUri() + ":" + port + " -> "
                + addresses.stream().map(CheckedTarget::literalText).collect(Collectors.joining(", ", "[", "]"));
    }
}
