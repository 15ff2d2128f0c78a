package io.veridict.api.transport;

import io.veridict.api.auth.RequestAttributes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * The second tier: one token per request from the authenticated tenant's bucket, after
 * authentication has set {@link RequestAttributes#TENANT}. Requests without a tenant (public
 * endpoints, or before authentication exists) are left to the per-client limit.
 */
@Priority(RequestAttributes.TENANT_LIMIT_PRIORITY)
public final class TenantLimitFilter implements ContainerRequestFilter {

    private final RateLimiter limiter;

    /** @param limiter a limiter of policy {@link LimitPolicy#TENANT} */
    public TenantLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(RequestAttributes.TENANT) instanceof String tenant) {
            limiter.admit(request, tenant);
        }
    }
}
