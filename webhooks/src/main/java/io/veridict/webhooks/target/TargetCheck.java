package io.veridict.webhooks.target;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a webhook may be delivered to a URL, before anything connects.
 *
 * <p>In order: the URL's shape (absolute, at most {@value #MAX_URL_LENGTH} characters, a host, no
 * user information, no fragment), its scheme ({@code https}; {@code http} only where the policy
 * allows it), its host and port, and then every address the host designates. An IP literal, in
 * any spelling the platform or a URL parser might accept ({@code 127.1}, {@code 0x7f.1},
 * {@code 2130706433}, {@code 0177.0.0.1}, {@code [::ffff:127.0.0.1]}), is parsed here and
 * classified without a resolver; a host whose last label is numeric is always taken for an IPv4
 * literal and never passed to the resolver, so the platform's resolver cannot turn it into an
 * address that was not checked. A name is resolved once, and the target is refused if any one of
 * the answers is of a forbidden class.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TargetCheck {

    /** The longest URL accepted, in characters of its ASCII form. */
    public static final int MAX_URL_LENGTH = 2048;

    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private final TargetPolicy policy;
    private final Resolver resolver;

    /**
     * A check under a policy, resolving names with a resolver.
     *
     * @param policy what is allowed
     * @param resolver how names are resolved; asked once per name checked
     */
    public TargetCheck(TargetPolicy policy, Resolver resolver) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Checks a URL once, under a policy.
     *
     * @param uri the webhook URL
     * @param policy what is allowed
     * @param resolver how names are resolved
     * @return the checked target
     * @throws TargetRefused when the URL may not be delivered to
     */
    public static CheckedTarget check(URI uri, TargetPolicy policy, Resolver resolver) throws TargetRefused {
        return new TargetCheck(policy, resolver).check(uri);
    }

    /**
     * The policy this check applies.
     *
     * @return the policy
     */
    public TargetPolicy policy() {
        return policy;
    }

    /**
     * Checks a URL: its shape, scheme, host and port, and every address of its host.
     *
     * @param uri the webhook URL
     * @return the checked target, with the addresses a delivery may connect to
     * @throws TargetRefused when the URL may not be delivered to
     */
    public CheckedTarget check(URI uri) throws TargetRefused {
        return resolve(parse(uri));
    }

    /**
     * Checks a redirect received from a checked target: it must stay on the same host, be within
     * the policy's maximum number of redirects, and then pass {@link #check(URI)} (its addresses are
     * resolved and classified again). A fragment in the Location is dropped. Another host is refused
     * before anything resolves it.
     *
     * @param from the target that answered with the redirect
     * @param location the Location header, absolute or relative to {@code from}
     * @param redirectsSoFar how many redirects this delivery has already followed
     * @return the checked target to deliver to next
     * @throws TargetRefused {@link RefusalCode#WEBHOOK_REDIRECT_REFUSED} for another host, too many
     *     redirects or an unusable Location; any other code when the new URL fails the check
     */
    public CheckedTarget checkRedirect(CheckedTarget from, String location, int redirectsSoFar) throws TargetRefused {
        Objects.requireNonNull(from, "from");
        if (location == null || location.isBlank()) {
            throw new TargetRefused(RefusalCode.WEBHOOK_REDIRECT_REFUSED,
                    "redirect from " + from.host() + " has no Location");
        }
        if (redirectsSoFar >= policy.maxRedirects()) {
            throw new TargetRefused(RefusalCode.WEBHOOK_REDIRECT_REFUSED,
                    "redirect from " + from.host() + " refused: at most " + policy.maxRedirects()
                            + " redirects are followed");
        }
        URI next;
        try {
            next = from.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TargetRefused(RefusalCode.WEBHOOK_REDIRECT_REFUSED,
                    "redirect from " + from.host() + " has a Location that is not a valid URI");
        }
        if (next.getRawFragment() != null) {
            String text = next.toString();
            next = URI.create(text.substring(0, text.indexOf('#')));
        }
        Parsed parsed = parse(next);
        if (!parsed.host.equals(from.host())) {
            throw new TargetRefused(RefusalCode.WEBHOOK_REDIRECT_REFUSED,
                    "redirect from " + from.host() + " to another host, " + parsed.host + ", refused");
        }
        return resolve(parsed);
    }

    /** A URL taken apart and validated, before any address is classified. */
    private static final class Parsed {
        final String scheme;
        final String host;
        final boolean literal;
        final boolean canonical;
        final List<InetAddress> literalAddresses;
        final int port;
        final String path;
        final String query;

        Parsed(String scheme, String host, boolean literal, boolean canonical, List<InetAddress> literalAddresses,
                int port, String path, String query) {
            this.scheme = scheme;
            this.host = host;
            this.literal = literal;
            this.canonical = canonical;
            this.literalAddresses = literalAddresses;
            this.port = port;
            this.path = path;
            this.query = query;
        }
    }

    private Parsed parse(URI uri) throws TargetRefused {
        Objects.requireNonNull(uri, "uri");
        String ascii = uri.toASCIIString();
        if (ascii.length() > MAX_URL_LENGTH || uri.toString().length() > MAX_URL_LENGTH) {
            throw invalid("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        if (!uri.isAbsolute()) {
            throw invalid("the URL is not absolute");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme)) {
            if (!policy.allowPlainHttp()) {
                throw new TargetRefused(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED, "only https webhook URLs are allowed");
            }
        } else if (!"https".equals(scheme)) {
            throw new TargetRefused(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED,
                    "only https webhook URLs are allowed, not " + printable(scheme));
        }
        if (uri.isOpaque()) {
            throw invalid("the URL has no host");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("the URL has a fragment");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw invalid("the URL has no host");
        }
        if (uri.getRawUserInfo() != null || authority.indexOf('@') >= 0) {
            throw invalid("the URL has user information");
        }

        String hostPart;
        String portPart = null;
        boolean bracketed = authority.charAt(0) == '[';
        if (bracketed) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("the URL's IPv6 literal has no closing bracket");
            }
            hostPart = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw invalid("the URL's authority has text after the IPv6 literal");
                }
                portPart = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                hostPart = authority.substring(0, colon);
                portPart = authority.substring(colon + 1);
            } else {
                hostPart = authority;
            }
            if (hostPart.indexOf(':') >= 0) {
                throw invalid("the URL's IPv6 literal is not in brackets");
            }
        }
        int port = parsePort(portPart, scheme);

        Parsed parsed = bracketed
                ? parseIpv6Literal(scheme, hostPart, port, uri)
                : parseHost(scheme, hostPart, port, uri);
        if (!policy.isPortAllowed(port)) {
            throw invalid("port " + port + " is not allowed for webhooks");
        }
        return parsed;
    }

    private static int parsePort(String portPart, String scheme) throws TargetRefused {
        if (portPart == null || portPart.isEmpty()) {
            return CheckedTarget.defaultPort(scheme);
        }
        if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("the URL's port is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(portPart);
        if (port < 1 || port > 65535) {
            throw invalid("the URL's port is not a number from 1 to 65535");
        }
        return port;
    }

    private static Parsed parseIpv6Literal(String scheme, String text, int port, URI uri) throws TargetRefused {
        // Hex digits, colons and dots only: no zone id, no IPvFuture, nothing a resolver could take for a name.
        if (text.isEmpty() || text.indexOf(':') < 0
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw invalid("the URL's host is not a valid IPv6 literal");
        }
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') >= 0) {
            String[] v4 = text.substring(lastColon + 1).split("\\.", -1);
            if (!Ipv4Literals.isCanonical(v4)) {
                throw invalid("the IPv4 address embedded in the URL's IPv6 literal is not in dotted-decimal form");
            }
        }
        InetAddress address;
        try {
            // With brackets, the platform parses an IPv6 literal or fails; it never looks the text up.
            address = InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw invalid("the URL's host is not a valid IPv6 literal");
        }
        address = withoutScope(null, address);
        return new Parsed(scheme, CheckedTarget.literalText(address), true, true, List.of(address), port,
                pathOf(uri), queryOf(uri));
    }

    private static Parsed parseHost(String scheme, String text, int port, URI uri) throws TargetRefused {
        if (text.isEmpty()) {
            throw invalid("the URL has no host");
        }
        if (text.indexOf('%') >= 0) {
            throw invalid("the URL's host is percent-encoded");
        }
        String host = text;
        if (!host.chars().allMatch(c -> c < 0x80)) {
            try {
                host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw invalid("the URL's host is not a valid internationalised domain name");
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
            throw invalid("the URL's host is not a valid host name");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                throw invalid("the URL's host is not a valid host name");
            }
        }
        String[] labels = host.split("\\.", -1);
        if (Ipv4Literals.looksNumeric(labels[labels.length - 1])) {
            List<InetAddress> candidates = Ipv4Literals.interpretations(labels);
            if (candidates.isEmpty()) {
                throw invalid("the URL's host is neither a host name nor a valid IPv4 address");
            }
            boolean canonical = Ipv4Literals.isCanonical(labels);
            String literal = canonical ? CheckedTarget.literalText(candidates.get(0)) : host;
            return new Parsed(scheme, literal, true, canonical, candidates, port, pathOf(uri), queryOf(uri));
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
                throw invalid("the URL's host is not a valid host name");
            }
        }
        return new Parsed(scheme, host, false, true, List.of(), port, pathOf(uri), queryOf(uri));
    }

    private CheckedTarget resolve(Parsed p) throws TargetRefused {
        if (p.literal) {
            for (InetAddress candidate : p.literalAddresses) {
                refuseIfForbidden(p.host, candidate);
            }
            if (!p.canonical) {
                throw invalid("an IPv4 address in a webhook URL must be written as four decimal numbers (a.b.c.d)");
            }
            return new CheckedTarget(p.scheme, p.host, true, p.port, p.path, p.query, p.literalAddresses);
        }
        if ((p.host.equals("localhost") || p.host.endsWith(".localhost")) && !policy.permits(AddressClass.LOOPBACK)) {
            // RFC 6761 6.3: such names are loopback names whatever a resolver answers.
            throw new TargetRefused(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN,
                    "webhook host " + p.host + " is a loopback name", AddressClass.LOOPBACK,
                    InetAddress.getLoopbackAddress());
        }
        List<InetAddress> answers;
        try {
            answers = resolver.resolve(p.host);
        } catch (UnknownHostException e) {
            throw new TargetRefused(RefusalCode.WEBHOOK_HOST_UNRESOLVED, "webhook host " + p.host + " does not resolve");
        } catch (RuntimeException e) {
            throw new TargetRefused(RefusalCode.WEBHOOK_HOST_UNRESOLVED,
                    "webhook host " + p.host + " could not be resolved");
        }
        if (answers == null || answers.isEmpty()) {
            throw new TargetRefused(RefusalCode.WEBHOOK_HOST_UNRESOLVED, "webhook host " + p.host + " has no address");
        }
        Map<String, InetAddress> checked = new LinkedHashMap<>();
        for (InetAddress answer : answers) {
            if (answer == null) {
                continue;
            }
            InetAddress address = withoutScope(p.host, answer);
            refuseIfForbidden(p.host, address);
            checked.putIfAbsent(CheckedTarget.literalText(address), address);
        }
        if (checked.isEmpty()) {
            throw new TargetRefused(RefusalCode.WEBHOOK_HOST_UNRESOLVED, "webhook host " + p.host + " has no address");
        }
        return new CheckedTarget(p.scheme, p.host, false, p.port, p.path, p.query, new ArrayList<>(checked.values()));
    }

    private void refuseIfForbidden(String host, InetAddress address) throws TargetRefused {
        AddressClass addressClass = AddressRules.classify(address);
        if (!policy.permits(addressClass)) {
            String text = CheckedTarget.literalText(address);
            String message = text.equals(host)
                    ? "webhook address " + text + " is " + addressClass
                    : "webhook host " + host + " designates " + text + ", which is " + addressClass;
            throw new TargetRefused(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN, message, addressClass, address);
        }
    }

    /** The same address from its raw bytes: no scope id, and IPv4-mapped addresses as IPv4. */
    private static InetAddress withoutScope(String host, InetAddress address) {
        try {
            return InetAddress.getByAddress(host, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.getAddress().length + " bytes", e);
        }
    }

    private static String pathOf(URI uri) {
        String path = asciiForm(uri).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String queryOf(URI uri) {
        return asciiForm(uri).getRawQuery();
    }

    private static URI asciiForm(URI uri) {
        return URI.create(uri.toASCIIString());
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static TargetRefused invalid(String message) {
        return new TargetRefused(RefusalCode.WEBHOOK_URL_INVALID, message);
    }
}
