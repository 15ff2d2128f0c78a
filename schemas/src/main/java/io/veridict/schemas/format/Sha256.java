package io.veridict.schemas.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and hex helpers shared by the format classes; {@link #hashPrefixed} also serves
 * other modules that hash on hot paths.
 *
 * <p>Each thread reuses one {@link MessageDigest}: looking one up per hash costs more than
 * hashing a chain link. {@link MessageDigest#digest()} leaves it reset, and a hash that fails
 * half-way (a null part) resets it, so no input ever leaks into the next hash.
 */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** Returns SHA-256 over the concatenation of the parts. */
    public static byte[] hash(byte[]... parts) {
        return digest(DIGEST.get(), parts);
    }

    /** Returns SHA-256 over the concatenation of the parts, as lower-case hex. */
    public static String hex(byte[]... parts) {
        return HEX.formatHex(hash(parts));
    }

    /** Returns SHA-256 over a one-byte prefix followed by the parts. */
    public static byte[] hashPrefixed(byte prefix, byte[]... parts) {
        MessageDigest digest = DIGEST.get();
        digest.update(prefix);
        return digest(digest, parts);
    }

    /** Feeds the parts to the thread's digest and finishes it; resets it if a part is null. */
    private static byte[] digest(MessageDigest digest, byte[][] parts) {
        try {
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (RuntimeException e) {
            digest.reset();
            throw e;
        }
    }

    /** Lower-case hex of the bytes, or {@code "null"} for a null array. */
    static String hex(byte[] bytes) {
        return bytes == null ? "null" : HEX.formatHex(bytes);
    }

    /** Throws unless {@code hash} is a non-null array of {@link LedgerFormat#HASH_SIZE} bytes. */
    static byte[] requireHash(byte[] hash, String name) {
        if (hash == null) {
            throw new NullPointerException(name + " is null");
        }
        if (hash.length != LedgerFormat.HASH_SIZE) {
            throw new IllegalArgumentException(name + " must be " + LedgerFormat.HASH_SIZE
                    + " bytes, got " + hash.length);
        }
        return hash;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
