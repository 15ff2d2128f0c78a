package io.veridict.streams.chain;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Fresh entry ids: random (version 4, IETF variant) UUIDs, exactly as {@link UUID#randomUUID()}
 * makes them, from a strong generator of this instance's own whose bytes are drawn many ids at a
 * time. {@code UUID.randomUUID()} asks the JVM's shared generator, under its lock and often with a
 * read of the system's entropy source, for every single id.
 *
 * <p>Not thread-safe: one instance per processor.
 */
final class EntryIds {

    private static final int UUID_BYTES = 16;
    /** Ids drawn per refill of the buffer. */
    private static final int IDS_PER_DRAW = 64;

    private final SecureRandom random = new SecureRandom();
    private final byte[] buffer = new byte[UUID_BYTES * IDS_PER_DRAW];
    private int next = buffer.length;

    /** @return a new random UUID, as text */
    String next() {
        if (next == buffer.length) {
            random.nextBytes(buffer);
            next = 0;
        }
        long msb = bigEndianLong(next);
        long lsb = bigEndianLong(next + Long.BYTES);
        next += UUID_BYTES;
        msb = (msb & ~0xF000L) | 0x4000L; // version 4
        lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }

    private long bigEndianLong(int from) {
        long value = 0;
        for (int i = from; i < from + Long.BYTES; i++) {
            value = (value << 8) | (buffer[i] & 0xFF);
        }
        return value;
    }
}
