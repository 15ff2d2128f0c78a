package io.veridict.api.transport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access for browsers, for the configured origins only. A request from an allowed
 * origin gets {@code Access-Control-Allow-Origin} (that origin, never {@code *}) and the
 * response headers scripts may read; a preflight from one is answered here with 204 and the
 * methods and headers the API accepts. Any other origin gets no CORS header, so the browser
 * keeps the answer from the page. Registered only when at least one origin is configured.
 */
public final class CorsFilter implements Filter {

    static final String ALLOW_METHODS = "GET, POST";
    static final String ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Veridict-Tenant-Id, X-Correlation-Id";
    static final String EXPOSE_HEADERS = "X-Correlation-Id, RateLimit, RateLimit-Policy, Retry-After";
    /** How long a browser may cache a preflight answer, in seconds. */
    static final String MAX_AGE = "600";

    private final Set<String> origins;

    /** @param origins allowed origins, {@code scheme://host[:port]}, compared case-insensitively */
    public CorsFilter(Collection<String> origins) {
        this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.addHeader("Vary", "Origin"); // the answer depends on Origin: caches must not share it
        String origin = request.getHeader("Origin");
        if (origin == null || !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        chain.doFilter(request, response);
    }
}
