package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds hash inputs from the primitive encodings of the spec: big-endian fixed-width
 * integers, length-prefixed UTF-8 strings, optional strings and raw 32-byte hashes.
 *
 * @see "docs/ledger-format.md §2 Notation"
 */
final class HashInput {

    private byte[] buf = new byte[256];
    private int size;

    /** {@code u8}: one byte. */
    HashInput u8(int value) {
        room(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** {@code u16}: two bytes, big-endian; the value must fit. */
    HashInput u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        room(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
        return this;
    }

    /** {@code u32}: four bytes, big-endian. */
    HashInput u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        room(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** {@code u64} / {@code i64}: eight bytes, big-endian two's complement. */
    HashInput u64(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** {@code str(s)}: u32 byte length, then the UTF-8 bytes; {@code s} must be valid Unicode. */
    HashInput str(String value) {
        Objects.requireNonNull(value, "str field");
        int length = value.length();
        room(4 + length);
        int start = size + 4;
        for (int i = 0; i < length; i++) { // ASCII, the usual case, is its own UTF-8: copied as is
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = utf8(value);
                u32(utf8.length);
                return raw(utf8);
            }
            buf[start + i] = (byte) c;
        }
        u32(length);
        size += length;
        return this;
    }

    /** {@code opt_str(s)}: {@code 0x00} when null, else {@code 0x01 || str(s)}. */
    HashInput optStr(String valueOrNull) {
        if (valueOrNull == null) {
            return u8(0x00);
        }
        return u8(0x01).str(valueOrNull);
    }

    /** {@code h32}: exactly 32 raw bytes. */
    HashInput h32(byte[] hash) {
        return raw(Sha256.requireHash(hash, "h32 field"));
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private HashInput raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Grows the buffer to take {@code more} bytes (unsynchronised, unlike a ByteArrayOutputStream). */
    private void room(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /**
     * Encodes a string as UTF-8, refusing unpaired surrogates instead of replacing them.
     *
     * @throws IllegalArgumentException if {@code value} is not valid Unicode
     */
    static byte[] utf8(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        // The encoder writes '?' for an unpaired surrogate: without a '?' there is none to look for.
        for (byte b : utf8) {
            if (b == '?') {
                requirePairedSurrogates(value);
                break;
            }
        }
        return utf8;
    }

    private static void requirePairedSurrogates(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate at index " + i + ")");
            }
        }
    }
}
