package io.veridict.api.transport;

/** The two rate-limit tiers, named as the {@code RateLimit} and {@code RateLimit-Policy} headers name them. */
public enum LimitPolicy {

    /** Per client IP address, before authentication: a guard against brute force and floods. */
    CLIENT_IP("client-ip", "this client address"),
    /** Per authenticated tenant: a fair share of the ledger. */
    TENANT("tenant", "this tenant");

    private final String headerName;
    private final String subject;

    LimitPolicy(String headerName, String subject) {
        this.headerName = headerName;
        this.subject = subject;
    }

    /** The policy's name in the RateLimit headers. */
    public String headerName() {
        return headerName;
    }

    /** Who the limit counts requests of, for error messages. */
    String subject() {
        return subject;
    }
}
