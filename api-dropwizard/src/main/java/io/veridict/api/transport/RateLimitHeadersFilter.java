package io.veridict.api.transport;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Writes {@code RateLimit-Policy} and {@code RateLimit} into every response whose request was
 * counted, successes and refusals alike: the tenant's quota when the tenant tier applied (it
 * ran last), otherwise the client address's.
 */
public final class RateLimitHeadersFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimitState.PROPERTY) instanceof RateLimitState state) {
            response.getHeaders().putSingle(RateLimitState.POLICY_HEADER, state.policyHeader());
            response.getHeaders().putSingle(RateLimitState.LIMIT_HEADER, state.limitHeader());
        }
    }
}
