package io.veridict.api.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals read from configuration and from {@code X-Forwarded-For}. Only literals
 * are accepted: text from a request MUST NOT trigger a DNS lookup, so anything that is not
 * shaped like an IPv4 or IPv6 address is refused before {@link InetAddress} sees it.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** Hex groups and colons, optionally ending in an embedded IPv4 address; checked fully by the JDK. */
    private static final Pattern IPV6_SHAPE = Pattern.compile("[0-9A-Fa-f:]{2,39}(?:\\.[0-9.]{1,15})?");

    private IpLiteral() {
    }

    /**
     * The address written as {@code text}: an IPv4 dotted quad, or an IPv6 address, optionally
     * in brackets. Surrounding whitespace is ignored; a port ({@code 1.2.3.4:80},
     * {@code [::1]:80}) is dropped.
     *
     * @return the address, or empty when {@code text} is not an IP literal (e.g. a host name or {@code unknown})
     */
    static Optional<InetAddress> parse(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (IPV4.matcher(s).matches() || (s.indexOf(':') >= 0 && IPV6_SHAPE.matcher(s).matches())) {
            try {
                return Optional.of(InetAddress.getByName(s));
            } catch (UnknownHostException notAnAddress) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The canonical text of {@code address}: dotted quad, or the JDK's full IPv6 form. */
    static String format(InetAddress address) {
        return address.getHostAddress();
    }
}
