package io.veridict.webhooks.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 literals in the spellings that parsers disagree on.
 *
 * <p>The C library's {@code inet_aton}, and so many resolvers, and the WHATWG URL standard read
 * one to four dot-separated parts, each decimal, octal (a leading {@code 0}) or hexadecimal (a
 * leading {@code 0x}), the last part filling the remaining bytes: {@code 127.1},
 * {@code 0x7f.1}, {@code 2130706433} and {@code 0177.0.0.1} all mean 127.0.0.1. Java reads the
 * same part counts but decimal only, so that for Java {@code 0177.0.0.1} is 177.0.0.1. A host is
 * taken for an IPv4 literal when its last label is numeric, as in the WHATWG standard; every
 * reading of it is classified, and only the canonical form (four decimal parts without leading
 * zeros, where all readings agree) is accepted.
 */
final class Ipv4Literals {

    private Ipv4Literals() {
    }

    /** Whether a label is a number: decimal digits, or {@code 0x} followed by hex digits. */
    static boolean looksNumeric(String label) {
        if (label.isEmpty()) {
            return false;
        }
        if (label.startsWith("0x") || label.startsWith("0X")) {
            return label.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Four decimal parts from 0 to 255, without leading zeros. */
    static boolean isCanonical(String[] parts) {
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * The distinct addresses the parts can mean: the {@code inet_aton} reading first, then the
     * all-decimal reading.
     *
     * @return the addresses, empty when no reading is a valid address
     */
    static List<InetAddress> interpretations(String[] parts) {
        List<InetAddress> result = new ArrayList<>();
        long inetAton = value(parts, false);
        long decimal = value(parts, true);
        if (inetAton >= 0) {
            result.add(address(inetAton));
        }
        if (decimal >= 0 && decimal != inetAton) {
            result.add(address(decimal));
        }
        return result;
    }

    /** The 32-bit value of the parts, or -1 when they are not a valid address in that reading. */
    private static long value(String[] parts, boolean decimalOnly) {
        if (parts.length < 1 || parts.length > 4) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i], decimalOnly);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (part < 0 || part > max) {
                return -1;
            }
            result = last ? result | part : result | (part << (8 * (3 - i)));
        }
        return result;
    }

    private static long number(String part, boolean decimalOnly) {
        int radix = 10;
        String digits = part;
        if (!decimalOnly) {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                radix = 16;
                digits = part.substring(2);
                if (digits.isEmpty()) {
                    return 0;
                }
            } else if (part.length() > 1 && part.charAt(0) == '0') {
                radix = 8;
                digits = part.substring(1);
            }
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
        }
        return value;
    }

    private static InetAddress address(long value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
