package io.veridict.api.transport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The {@link SecurityHeaders} on every response of the application, set before anything else
 * runs so that errors answered by Jersey or by the other filters carry them too; HSTS when the
 * client used HTTPS (see {@link TrustedProxies#arrivedOverHttps}). Jetty's own refusals get them
 * from {@code JettyErrorHandler}.
 */
public final class SecurityHeadersFilter implements Filter {

    private final TrustedProxies proxies;

    public SecurityHeadersFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.apply(response::setHeader, proxies.arrivedOverHttps(request.isSecure(), request.getRemoteAddr(),
                request.getHeader(TrustedProxies.FORWARDED_PROTO)));
        chain.doFilter(request, response);
    }
}
