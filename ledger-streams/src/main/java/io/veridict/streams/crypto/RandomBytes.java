package io.veridict.streams.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random bytes from a strong generator of this instance's own, drawn a few kilobytes at a time,
 * so that sealing a payload does not take the JVM's shared generator (and its lock, and often a
 * read of the system's entropy source) for every nonce. Bytes handed out are wiped from the buffer.
 *
 * <p>Not thread-safe: one instance per user.
 */
public final class RandomBytes {

    private static final int BUFFER = 4096;

    private final SecureRandom random = new SecureRandom();
    private final byte[] buffer = new byte[BUFFER];
    private int next = BUFFER;

    /** @return {@code size} fresh random bytes, at most 4096 */
    public byte[] next(int size) {
        if (size > BUFFER) {
            throw new IllegalArgumentException("at most " + BUFFER + " bytes at a time");
        }
        if (BUFFER - next < size) {
            random.nextBytes(buffer);
            next = 0;
        }
        byte[] out = Arrays.copyOfRange(buffer, next, next + size);
        Arrays.fill(buffer, next, next + size, (byte) 0);
        next += size;
        return out;
    }
}
