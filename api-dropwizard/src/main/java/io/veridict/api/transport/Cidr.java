package io.veridict.api.transport;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a
 * network of one ({@code /32} or {@code /128}). IPv4 and IPv6 networks never contain each
 * other's addresses.
 */
final class Cidr {

    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private Cidr(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /**
     * @param text {@code address/prefix} or a bare address
     * @throws IllegalArgumentException when it is not an IP literal with a prefix in range
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR network: " + text))
                .getAddress();
        int maxBits = bytes.length * 8;
        int prefix = maxBits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: " + text, e);
            }
            if (prefix < 0 || prefix > maxBits) {
                throw new IllegalArgumentException("CIDR prefix length must be 0 to " + maxBits + ": " + text);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, text);
    }

    /** Whether {@code address} lies in this network. */
    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(mask(candidate, prefixBits), network);
    }

    private static byte[] mask(byte[] address, int prefixBits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefixBits - i * 8));
            masked[i] &= (byte) (0xFF << (8 - bitsInByte));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
