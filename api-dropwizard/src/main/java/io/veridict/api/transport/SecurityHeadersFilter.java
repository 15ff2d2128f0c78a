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
 * Hardening headers on every response of the application port, set before anything else runs
 * so that errors answered by Jersey, by the other filters or by the container carry them too:
 * no content sniffing, no framing, no referrer, no caching of ledger data, and HSTS when the
 * client used HTTPS (see {@link TrustedProxies#arrivedOverHttps}).
 */
public final class SecurityHeadersFilter implements Filter {

    /** One year, subdomains included; sent only over HTTPS, as RFC 6797 requires. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    private final TrustedProxies proxies;

    public SecurityHeadersFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        if (proxies.arrivedOverHttps(request.isSecure(), request.getRemoteAddr(),
                request.getHeader(TrustedProxies.FORWARDED_PROTO))) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
