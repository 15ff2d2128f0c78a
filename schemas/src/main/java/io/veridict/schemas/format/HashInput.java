package io.veridict.schemas.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds hash inputs from the primitive encodings of the spec: big-endian fixed-width
 * integers, length-prefixed UTF-8 strings, optional strings and raw 32-byte hashes.
 *
 * @see "docs/ledger-format.md §2 Notation"
 */
final class HashInput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** {@code u8}: one byte. */
    HashInput u8(int value) {
        out.write(value);
        return this;
    }

    /** {@code u16}: two bytes, big-endian; the value must fit. */
    HashInput u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** {@code u32}: four bytes, big-endian. */
    HashInput u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** {@code u64} / {@code i64}: eight bytes, big-endian two's complement. */
    HashInput u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** {@code str(s)}: u32 byte length, then the UTF-8 bytes; {@code s} must be valid Unicode. */
    HashInput str(String value) {
        byte[] utf8 = utf8(Objects.requireNonNull(value, "str field"));
        u32(utf8.length);
        out.writeBytes(utf8);
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
        out.writeBytes(Sha256.requireHash(hash, "h32 field"));
        return this;
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * Encodes a string as UTF-8, refusing unpaired surrogates instead of replacing them.
     *
     * @throws IllegalArgumentException if {@code value} is not valid Unicode
     */
    static byte[] utf8(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate at index " + i + ")");
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
