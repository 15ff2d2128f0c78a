package io.veridict.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns API key secrets into what is stored: {@code HMAC-SHA-256(pepper, "veridict.key.v1" 0x00
 * key id 0x00 secret)}. The pepper lives only in the service's environment, so a copy of Kafka
 * or RocksDB alone cannot test guesses. Comparisons are constant-time.
 *
 * <p>Each thread keeps one {@link Mac} initialised with the pepper: {@code doFinal} leaves it
 * ready for the next secret, so authenticating a request does not look up and key a new one.
 */
public final class SecretHasher {

    private static final byte[] TAG = "veridict.key.v1".getBytes(StandardCharsets.US_ASCII);
    /** Minimum pepper length in bytes. */
    public static final int MIN_PEPPER_BYTES = 32;

    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SecretHasher(byte[] pepper) {
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the key pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
        }
        this.pepper = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    }

    /** The stored form of {@code key}'s secret. */
    public byte[] hash(TokenFormat.ApiKey key) {
        return hash(key.keyId(), key.secret());
    }

    byte[] hash(String keyId, String secret) {
        Mac mac = macs.get();
        mac.reset(); // a no-op after doFinal; here in case an earlier use was interrupted
        mac.update(TAG);
        mac.update((byte) 0);
        mac.update(keyId.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** Constant-time comparison of two stored forms. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
