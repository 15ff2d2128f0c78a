package io.veridict.api.transport;

import io.veridict.api.auth.RequestAttributes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * The first tier: one token per request from the client address's bucket, before resource
 * matching and authentication, so that floods and credential guessing are refused before they
 * cost anything. The address is the one {@link ClientIpFilter} resolved.
 */
@PreMatching
@Priority(RequestAttributes.CLIENT_LIMIT_PRIORITY)
public final class ClientIpLimitFilter implements ContainerRequestFilter {

    private final RateLimiter limiter;

    /** @param limiter a limiter of policy {@link LimitPolicy#CLIENT_IP} */
    public ClientIpLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(RequestAttributes.CLIENT_IP) instanceof String clientIp) {
            limiter.admit(request, clientIp);
        }
    }
}
