package io.veridict.webhooks.sign;

import io.veridict.webhooks.sign.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies a Standard Webhooks delivery the way a receiver does: the three headers are present,
 * the timestamp is within {@link #TOLERANCE} of the receiver's clock either way, and one of the
 * {@code v1} signatures matches one of the receiver's secrets.
 *
 * <p>Header names are matched without regard to case. Signatures of other versions (such as
 * {@code v1a}) and {@code v1} entries that are not base64 of 32 bytes are skipped, so a sender
 * may add schemes this class does not know. Signatures are compared with
 * {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ.
 */
public final class WebhookVerifier {

    /** How far the timestamp may be from the receiver's clock, in either direction. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** The longest webhook header value read, in characters. */
    public static final int MAX_HEADER_LENGTH = 4096;
    /** The most signatures read from one {@code webhook-signature} header. */
    public static final int MAX_SIGNATURES = 10;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final int HMAC_SHA256_BYTES = 32;

    private WebhookVerifier() {
    }

    /**
     * Returns normally if the delivery is authentic and fresh.
     *
     * @param headers the request's headers, names in any case (one value each)
     * @param body    the body exactly as received, before any parsing
     * @param secrets the endpoint's secrets (during a rotation, old and new); at least one
     * @param now     the receiver's clock
     * @throws WebhookVerificationException with the first reason found, checked in this order:
     *         headers present and well-formed, timestamp, signature
     */
    public static void verify(Map<String, String> headers, byte[] body, List<WebhookSecret> secrets, Instant now)
            throws WebhookVerificationException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to verify a webhook");
        }
        secrets.forEach(s -> Objects.requireNonNull(s, "secret"));

        String msgId = header(headers, WebhookSigner.ID_HEADER);
        String timestampText = header(headers, WebhookSigner.TIMESTAMP_HEADER);
        String signatureHeader = header(headers, WebhookSigner.SIGNATURE_HEADER);

        long timestamp = timestamp(timestampText);
        long nowSeconds = now.getEpochSecond();
        if (nowSeconds - timestamp > TOLERANCE.getSeconds()) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD,
                    "the webhook timestamp is more than " + TOLERANCE.getSeconds() + " s in the past");
        }
        if (timestamp - nowSeconds > TOLERANCE.getSeconds()) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_NEW,
                    "the webhook timestamp is more than " + TOLERANCE.getSeconds() + " s in the future");
        }

        List<byte[]> candidates = v1Signatures(signatureHeader);
        if (!candidates.isEmpty()) {
            byte[] prefix = WebhookSigner.signedPrefix(msgId, timestamp);
            for (WebhookSecret secret : secrets) {
                byte[] expected = secret.hmac(prefix, body);
                for (byte[] candidate : candidates) {
                    if (MessageDigest.isEqual(expected, candidate)) {
                        return;
                    }
                }
            }
        }
        throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE,
                "no v1 signature matches a secret of this endpoint");
    }

    private static String header(Map<String, String> headers, String name) throws WebhookVerificationException {
        String found = null;
        boolean seen = false;
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            String key = entry.getKey();
            if (key != null && key.toLowerCase(Locale.ROOT).equals(name)) {
                if (seen) {
                    throw new WebhookVerificationException(Reason.INVALID_HEADER, name + " is given more than once");
                }
                seen = true;
                found = entry.getValue();
            }
        }
        if (found == null || found.isEmpty()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER, name + " is missing");
        }
        if (found.length() > MAX_HEADER_LENGTH) {
            throw new WebhookVerificationException(Reason.INVALID_HEADER,
                    name + " is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        return found;
    }

    private static long timestamp(String text) throws WebhookVerificationException {
        if (!DIGITS.matcher(text).matches()) {
            throw new WebhookVerificationException(Reason.INVALID_TIMESTAMP,
                    WebhookSigner.TIMESTAMP_HEADER + " is not an integer number of seconds since the epoch");
        }
        return Long.parseLong(text);
    }

    /** The decoded {@code v1} signatures of the header; other entries are skipped. */
    private static List<byte[]> v1Signatures(String header) throws WebhookVerificationException {
        List<String> entries = new ArrayList<>();
        for (String entry : header.split(" ")) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        if (entries.size() > MAX_SIGNATURES) {
            throw new WebhookVerificationException(Reason.INVALID_HEADER,
                    WebhookSigner.SIGNATURE_HEADER + " lists more than " + MAX_SIGNATURES + " signatures");
        }
        List<byte[]> signatures = new ArrayList<>();
        String versionPrefix = WebhookSigner.VERSION + ',';
        for (String entry : entries) {
            if (!entry.startsWith(versionPrefix)) {
                continue;
            }
            try {
                byte[] signature = Base64.getDecoder().decode(entry.substring(versionPrefix.length()));
                if (signature.length == HMAC_SHA256_BYTES) {
                    signatures.add(signature);
                }
            } catch (IllegalArgumentException notBase64) {
                // an unreadable entry is no signature; the others may still match
            }
        }
        return signatures;
    }
}
