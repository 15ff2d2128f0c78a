package io.veridict.streams.chain;

import java.nio.ByteBuffer;

/**
 * A value of the idempotency projection: {@code h32 request_fingerprint || u64 seq}, the request
 * an idempotency key was first used with and the entry it created.
 */
final class IdempotencyValue {

    private IdempotencyValue() {
    }

    static byte[] encode(byte[] fingerprint, long seq) {
        return ByteBuffer.allocate(fingerprint.length + Long.BYTES).put(fingerprint).putLong(seq).array();
    }

    static long seqOf(byte[] value) {
        return ByteBuffer.wrap(value, value.length - Long.BYTES, Long.BYTES).getLong();
    }
}
