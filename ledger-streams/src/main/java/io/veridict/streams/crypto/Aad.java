package io.veridict.streams.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Associated data, built from length-prefixed fields so that no two field lists give the same bytes. */
final class Aad {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(96);

    /** {@code u32(length) || bytes}. */
    Aad bytes(byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
        return this;
    }

    /** {@code u32(length) || UTF-8(value)}. */
    Aad text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code u64(value)}. */
    Aad number(long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
