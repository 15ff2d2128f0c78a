package io.veridict.webhooks.sign;

import java.util.Objects;

/**
 * A webhook delivery failed verification. Branch on {@link #reason()}, which is stable; the
 * message is for people and never quotes a header value, the body or a secret.
 */
public final class WebhookVerificationException extends Exception {

    /** Why a delivery was refused. */
    public enum Reason {
        /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is absent or empty. */
        MISSING_HEADER,
        /**
         * A webhook header is longer than {@value WebhookVerifier#MAX_HEADER_LENGTH} characters, is
         * given twice (names differing only in case), or {@code webhook-signature} lists more than
         * {@value WebhookVerifier#MAX_SIGNATURES} signatures.
         */
        INVALID_HEADER,
        /** {@code webhook-timestamp} is not a non-negative integer number of seconds. */
        INVALID_TIMESTAMP,
        /** {@code webhook-timestamp} is more than the tolerance before the receiver's clock. */
        TIMESTAMP_TOO_OLD,
        /** {@code webhook-timestamp} is more than the tolerance after the receiver's clock. */
        TIMESTAMP_TOO_NEW,
        /** No {@code v1} signature in {@code webhook-signature} matches any of the secrets. */
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(reason + ": " + Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason. */
    public Reason reason() {
        return reason;
    }
}
