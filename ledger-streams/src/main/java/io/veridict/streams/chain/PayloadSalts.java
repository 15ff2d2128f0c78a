package io.veridict.streams.chain;

import io.veridict.schemas.format.LedgerFormat;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Fresh payload salts (ledger format version 2, §4.4): {@value LedgerFormat#SALT_SIZE} random
 * bytes each from a strong generator of this instance's own, drawn many salts at a time, so
 * that chaining an entry does not take the JVM's shared generator and its lock.
 *
 * <p>Not thread-safe: one instance per processor.
 */
final class PayloadSalts {

    /** Salts drawn per refill of the buffer. */
    private static final int SALTS_PER_DRAW = 32;

    private final SecureRandom random = new SecureRandom();
    private final byte[] buffer = new byte[LedgerFormat.SALT_SIZE * SALTS_PER_DRAW];
    private int next = buffer.length;

    /** @return a new salt, a fresh array of {@value LedgerFormat#SALT_SIZE} bytes */
    byte[] next() {
        if (next == buffer.length) {
            random.nextBytes(buffer);
            next = 0;
        }
        byte[] salt = Arrays.copyOfRange(buffer, next, next + LedgerFormat.SALT_SIZE);
        Arrays.fill(buffer, next, next + LedgerFormat.SALT_SIZE, (byte) 0);
        next += LedgerFormat.SALT_SIZE;
        return salt;
    }
}
