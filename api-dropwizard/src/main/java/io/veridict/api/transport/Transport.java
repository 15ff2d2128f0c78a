package io.veridict.api.transport;

import io.dropwizard.core.setup.Environment;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.glassfish.jersey.server.ServerProperties;
import java.util.EnumSet;

/**
 * Wires transport safety and rate limiting into the application port, in the order requests
 * meet them:
 * <ol>
 *   <li>servlet filters, before Jersey: security headers, unambiguous framing (one {@code Host},
 *       known transfer and content codings), the HTTPS requirement, CORS, the client address;</li>
 *   <li>Jersey, before matching: the per-client limit;</li>
 *   <li>Jersey, after authentication: the per-tenant limit; and the RateLimit headers on the way out.</li>
 * </ol>
 */
public final class Transport {

    private Transport() {
    }

    public static void register(Environment environment, TransportFactory transport, RateLimitsFactory rateLimits) {
        // Location headers go out as the resources write them (relative to this server), never
        // resolved against the request's Host header, which the client controls.
        environment.jersey().property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        TrustedProxies proxies = transport.buildTrustedProxies();
        addFilter(environment, "security-headers", new SecurityHeadersFilter(proxies), DispatcherType.REQUEST,
                DispatcherType.ERROR);
        addFilter(environment, "request-framing", new RequestFramingFilter(), DispatcherType.REQUEST);
        if (transport.isRequireHttps()) {
            addFilter(environment, "https-required", new HttpsRequiredFilter(proxies), DispatcherType.REQUEST);
        }
        if (!transport.getCorsAllowedOrigins().isEmpty()) {
            addFilter(environment, "cors", new CorsFilter(transport.getCorsAllowedOrigins()), DispatcherType.REQUEST);
        }
        addFilter(environment, "client-ip", new ClientIpFilter(proxies), DispatcherType.REQUEST);

        if (rateLimits.isEnabled()) {
            environment.jersey().register(new ClientIpLimitFilter(rateLimits.buildClientIpLimiter(TimeMeter.SYSTEM_NANOTIME)));
            environment.jersey().register(new TenantLimitFilter(rateLimits.buildTenantLimiter(TimeMeter.SYSTEM_NANOTIME)));
            environment.jersey().register(new RateLimitHeadersFilter());
        }
    }

    private static void addFilter(Environment environment, String name, Filter filter, DispatcherType... dispatch) {
        environment.servlets().addFilter(name, filter)
                .addMappingForUrlPatterns(EnumSet.of(dispatch[0], dispatch), true, "/*");
    }
}
