package io.veridict.webhooks.sign;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs webhook deliveries by the Standard Webhooks scheme {@code v1}: the header
 * {@code webhook-signature} is a space-separated list of {@code v1,<base64 HMAC-SHA256>}, one per
 * secret, each over {@code <webhook-id>.<webhook-timestamp>.<body>}.
 *
 * <p>During a secret rotation, pass both the old and the new secret: both signatures are sent,
 * and a receiver that knows either one accepts the delivery.
 */
public final class WebhookSigner {

    /** The header holding the message id. */
    public static final String ID_HEADER = "webhook-id";
    /** The header holding the attempt's time, integer seconds since the epoch. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The header holding the signatures. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The version identifier of the symmetric (HMAC-SHA256) signature. */
    public static final String VERSION = "v1";

    /**
     * What a message id must look like: {@code msg_} then 1 to 128 of {@code [A-Za-z0-9_-]}. No
     * full stop (it delimits the signed fields), no whitespace or control characters (the id is
     * a header value).
     */
    public static final Pattern MESSAGE_ID = Pattern.compile("msg_[A-Za-z0-9_-]{1,128}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /**
     * A new random message id, {@code msg_} followed by 22 base64url characters (128 bits). The
     * id stays the same across the retries of one delivery; the timestamp does not.
     */
    public static String newMessageId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The value of the {@code webhook-signature} header: one {@code v1,<signature>} per secret,
     * in the order given, separated by single spaces.
     *
     * @param msgId            the message id, matching {@link #MESSAGE_ID}
     * @param timestampSeconds the attempt's time in seconds since the epoch, not negative
     * @param body             the body exactly as it will be sent
     * @param secrets          1 to {@value WebhookVerifier#MAX_SIGNATURES} secrets
     * @throws IllegalArgumentException if an argument is out of those bounds
     */
    public static String sign(String msgId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        requireMessageId(msgId);
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("the webhook timestamp must not be negative");
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty() || secrets.size() > WebhookVerifier.MAX_SIGNATURES) {
            throw new IllegalArgumentException("a webhook is signed with 1 to " + WebhookVerifier.MAX_SIGNATURES
                    + " secrets, not " + secrets.size());
        }
        byte[] prefix = signedPrefix(msgId, timestampSeconds);
        StringBuilder header = new StringBuilder();
        for (WebhookSecret secret : secrets) {
            Objects.requireNonNull(secret, "secret");
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(VERSION).append(',')
                    .append(Base64.getEncoder().encodeToString(secret.hmac(prefix, body)));
        }
        return header.toString();
    }

    /**
     * The three Standard Webhooks headers, in the order {@code webhook-id},
     * {@code webhook-timestamp}, {@code webhook-signature}; the map is unmodifiable.
     *
     * @throws IllegalArgumentException as {@link #sign}
     */
    public static Map<String, String> headers(String msgId, long timestampSeconds, byte[] body,
                                              List<WebhookSecret> secrets) {
        String signature = sign(msgId, timestampSeconds, body, secrets);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, msgId);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestampSeconds));
        headers.put(SIGNATURE_HEADER, signature);
        return Collections.unmodifiableMap(headers);
    }

    /** {@code <id>.<timestamp>.} in UTF-8: what precedes the body in the signed bytes. */
    static byte[] signedPrefix(String msgId, long timestampSeconds) {
        return (msgId + '.' + timestampSeconds + '.').getBytes(StandardCharsets.UTF_8);
    }

    private static void requireMessageId(String msgId) {
        Objects.requireNonNull(msgId, "msgId");
        if (!MESSAGE_ID.matcher(msgId).matches()) {
            throw new IllegalArgumentException("a webhook message id is msg_ followed by 1 to 128 of [A-Za-z0-9_-]");
        }
    }
}
