package io.veridict.webhooks.sign;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing key of one webhook endpoint, in the Standard Webhooks symmetric format: random
 * bytes, shown to the tenant as {@code whsec_} followed by their standard base64 encoding.
 *
 * <p>The key never appears in {@link #toString()} nor in an exception message; only
 * {@link #reveal()} gives it out, for the single time it is shown to the tenant (and for storing
 * it wherever secrets are stored).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookSecret {

    /** The prefix of a serialized secret. */
    public static final String PREFIX = "whsec_";
    /** The fewest key bytes accepted (192 bits). */
    public static final int MIN_KEY_BYTES = 24;
    /** The most key bytes accepted (512 bits). */
    public static final int MAX_KEY_BYTES = 64;
    /** How many key bytes {@link #generate()} draws. */
    public static final int GENERATED_KEY_BYTES = 32;

    static final String HMAC_SHA256 = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A new secret of {@value #GENERATED_KEY_BYTES} bytes from a {@link SecureRandom}. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * Reads a serialized secret: {@code whsec_<base64>}, or the base64 text alone (receivers'
     * libraries accept both). The base64 is the standard alphabet; padding may be omitted.
     *
     * @throws IllegalArgumentException if the text is not base64, or its key is shorter than
     *         {@value #MIN_KEY_BYTES} or longer than {@value #MAX_KEY_BYTES} bytes; the message
     *         never quotes the text
     */
    public static WebhookSecret parse(String serialized) {
        Objects.requireNonNull(serialized, "serialized secret");
        String text = serialized.startsWith(PREFIX) ? serialized.substring(PREFIX.length()) : serialized;
        if (text.length() > 4 * ((MAX_KEY_BYTES + 2) / 3)) {
            throw new IllegalArgumentException("a webhook secret holds at most " + MAX_KEY_BYTES + " bytes");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a webhook secret must be " + PREFIX
                    + " followed by standard base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("a webhook secret holds " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " bytes, not " + length);
        }
        return new WebhookSecret(key);
    }

    /**
     * The serialized secret, {@code whsec_} followed by the standard base64 of the key (with
     * padding). {@code parse(s.reveal())} gives back the same key.
     */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC-SHA256 of {@code parts}, concatenated, under this key. */
    byte[] hmac(byte[]... parts) {
        Mac mac;
        try {
            mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Never the key: {@code WebhookSecret[redacted]}. */
    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
