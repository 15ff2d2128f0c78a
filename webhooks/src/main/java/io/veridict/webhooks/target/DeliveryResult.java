package io.veridict.webhooks.target;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one webhook delivery ended: the receiver's status, or why there was none.
 *
 * <p>Nothing in it comes from the receiver unfiltered: {@link #snippet()} is at most
 * {@value #MAX_SNIPPET_CHARS} printable ASCII characters of the start of the response body.
 */
public final class DeliveryResult {

    /** The longest {@link #snippet()}. */
    public static final int MAX_SNIPPET_CHARS = 256;

    /** How a delivery ended. */
    public enum Kind {
        /** The receiver answered with a 2xx status. */
        DELIVERED,
        /** The receiver answered with another status (a redirect that is not followed included). */
        HTTP_STATUS,
        /** The URL, or a redirect's URL on the same host, failed {@link TargetCheck}; nothing was sent there. */
        REFUSED,
        /** A redirect to another host, beyond the maximum, or without a usable Location; not followed. */
        REDIRECT_REFUSED,
        /** No connection could be made to any checked address, or it broke before an answer. */
        CONNECT_FAILED,
        /** The TLS handshake failed, the receiver's certificate or host name included. */
        TLS_FAILED,
        /** The delivery took longer than the total timeout. */
        TIMEOUT
    }

    private final Kind kind;
    private final int status;
    private final RefusalCode refusal;
    private final AddressClass addressClass;
    private final Duration latency;
    private final String snippet;
    private final int redirects;
    private final long bodyBytesRead;
    private final String detail;

    private DeliveryResult(Kind kind, int status, RefusalCode refusal, AddressClass addressClass, Duration latency,
            String snippet, int redirects, long bodyBytesRead, String detail) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.refusal = refusal;
        this.addressClass = addressClass;
        this.latency = Objects.requireNonNull(latency, "latency");
        this.snippet = snippet == null ? "" : snippet;
        this.redirects = redirects;
        this.bodyBytesRead = bodyBytesRead;
        this.detail = detail == null ? "" : detail;
    }

    static DeliveryResult answered(int status, Duration latency, String snippet, int redirects, long bodyBytesRead) {
        Kind kind = status >= 200 && status < 300 ? Kind.DELIVERED : Kind.HTTP_STATUS;
        return new DeliveryResult(kind, status, null, null, latency, snippet, redirects, bodyBytesRead, "");
    }

    static DeliveryResult refused(TargetRefused refusal, int status, Duration latency, int redirects) {
        Kind kind = refusal.code() == RefusalCode.WEBHOOK_REDIRECT_REFUSED ? Kind.REDIRECT_REFUSED : Kind.REFUSED;
        return new DeliveryResult(kind, status, refusal.code(), refusal.addressClass().orElse(null), latency, "",
                redirects, 0, refusal.getMessage());
    }

    static DeliveryResult failed(Kind kind, int status, Duration latency, int redirects, long bodyBytesRead,
            String detail) {
        return new DeliveryResult(kind, status, null, null, latency, "", redirects, bodyBytesRead, detail);
    }

    /**
     * How the delivery ended.
     *
     * @return the kind of result
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether the receiver answered with a 2xx status.
     *
     * @return {@code true} for {@link Kind#DELIVERED}
     */
    public boolean delivered() {
        return kind == Kind.DELIVERED;
    }

    /**
     * The status of the last answer received: the final one, or for a refused redirect the
     * redirect's status.
     *
     * @return the HTTP status, or 0 when no answer was received
     */
    public int status() {
        return status;
    }

    /**
     * Why the delivery, or one of its redirects, was refused.
     *
     * @return the refusal code for {@link Kind#REFUSED} and {@link Kind#REDIRECT_REFUSED}, else empty
     */
    public Optional<RefusalCode> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * The class of the forbidden address, for a {@link RefusalCode#WEBHOOK_ADDRESS_FORBIDDEN} refusal.
     *
     * @return the class, or empty
     */
    public Optional<AddressClass> addressClass() {
        return Optional.ofNullable(addressClass);
    }

    /**
     * From the start of {@code deliver} to its result, checks and redirects included.
     *
     * @return the latency
     */
    public Duration latency() {
        return latency;
    }

    /**
     * The start of the last response body: printable ASCII only (each other byte replaced), at
     * most {@value #MAX_SNIPPET_CHARS} characters.
     *
     * @return the snippet, empty when there was no body
     */
    public String snippet() {
        return snippet;
    }

    /**
     * How many redirects were followed.
     *
     * @return the number of redirects followed
     */
    public int redirects() {
        return redirects;
    }

    /**
     * How many bytes of the last response body were read; never more than the client's read limit.
     *
     * @return the number of body bytes read
     */
    public long bodyBytesRead() {
        return bodyBytesRead;
    }

    /**
     * What went wrong, for operators: the refusal's message or the failure's cause. It names hosts
     * and addresses but never a URL's path or query.
     *
     * @return the detail, empty for an answer
     */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "DeliveryResult[" + kind + (status != 0 ? " " + status : "")
                + (refusal != null ? " " + refusal : "") + (addressClass != null ? " " + addressClass : "")
                + ", " + latency.toMillis() + " ms, redirects=" + redirects
                + (detail.isEmpty() ? "" : ", " + detail) + "]";
    }
}
