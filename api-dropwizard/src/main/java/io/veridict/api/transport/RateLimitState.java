package io.veridict.api.transport;

import io.veridict.api.metrics.ServiceMetrics;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;

/**
 * What one rate-limit check found: the policy and quota that applied, what is left, and whether
 * the request may go on. Rendered as the structured-field headers of
 * draft-ietf-httpapi-ratelimit-headers:
 * {@code RateLimit-Policy: "client-ip";q=100;w=2} and {@code RateLimit: "client-ip";r=42;t=1}.
 *
 * @param policy            the tier
 * @param quota             the quota of the key that was checked
 * @param remaining         requests left in the bucket after this one
 * @param resetSeconds      whole seconds (rounded up) until the bucket is full again
 * @param retryAfterSeconds whole seconds (rounded up, at least 1) until a refused request may succeed; 0 when allowed
 */
public record RateLimitState(LimitPolicy policy, Quota quota, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** The request property the latest check is kept in, for {@link RateLimitHeadersFilter}. */
    public static final String PROPERTY = "io.veridict.api.transport.rateLimit";
    /** Response header: the quota policy. */
    public static final String POLICY_HEADER = "RateLimit-Policy";
    /** Response header: what is left of the quota. */
    public static final String LIMIT_HEADER = "RateLimit";
    /** Response header of a refusal: seconds to wait. */
    public static final String RETRY_AFTER = "Retry-After";

    /** Whether the request was within its quota. */
    public boolean allowed() {
        return retryAfterSeconds == 0;
    }

    /** {@code "<policy>";q=<burst>;w=<window seconds>} */
    public String policyHeader() {
        return "\"" + policy.headerName() + "\";q=" + quota.burst() + ";w=" + quota.windowSeconds();
    }

    /** {@code "<policy>";r=<remaining>;t=<seconds until reset>} */
    public String limitHeader() {
        return "\"" + policy.headerName() + "\";r=" + remaining + ";t=" + resetSeconds;
    }

    /** The 429 answering a refused request, with {@code Retry-After}. */
    ApiException refusal() {
        ServiceMetrics.rateLimited(policy.headerName());
        return new ApiException(ErrorCode.RATE_LIMITED, "too many requests from " + policy.subject()
                + " (at most " + quota.burst() + " per " + quota.windowSeconds() + " s); retry after "
                + retryAfterSeconds + " s")
                .withHeader(RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
