package io.veridict.api.transport;

import io.veridict.api.auth.RequestAttributes;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.util.Collections;

/**
 * Resolves the client's IP address through the {@link TrustedProxies} and puts it in the
 * request property {@link RequestAttributes#CLIENT_IP}, whether or not rate limits are on,
 * for the per-client limit, authentication and logs.
 */
@PreMatching
@Priority(ClientIpFilter.PRIORITY)
public final class ClientIpFilter implements ContainerRequestFilter {

    /** Just before the per-client limit. */
    public static final int PRIORITY = RequestAttributes.CLIENT_LIMIT_PRIORITY - 1;

    private final TrustedProxies proxies;

    @Context
    private HttpServletRequest servletRequest;

    public ClientIpFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(RequestAttributes.CLIENT_IP, proxies.clientIp(servletRequest.getRemoteAddr(),
                Collections.list(servletRequest.getHeaders(TrustedProxies.FORWARDED_FOR))));
    }
}
