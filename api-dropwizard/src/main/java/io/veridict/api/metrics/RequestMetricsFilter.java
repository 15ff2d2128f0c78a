package io.veridict.api.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Times every request of the API port, first of all filters, so that refusals before Jersey
 * (framing, client address, HTTPS, rate limits) are counted too: {@code veridict_http_requests}
 * by method, route and status, with a latency histogram. The route is the resource's URI
 * template, or {@code unmatched} when no resource was matched.
 */
public final class RequestMetricsFilter implements Filter {

    /** Latency buckets: enough to read p50/p99 from 1 ms to 10 s, few enough per route. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The timer's settings, built once; each request only looks its timer up by its tags. */
    private final Meter.MeterProvider<Timer> requests;

    public RequestMetricsFilter(MeterRegistry registry) {
        this.requests = Timer.builder("veridict.http.requests").serviceLevelObjectives(BUCKETS).withRegistry(registry);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            HttpServletRequest request = (HttpServletRequest) req;
            Object route = request.getAttribute(RouteTemplateFilter.ROUTE);
            String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
            requests.withTags("method", method, "route", route instanceof String r ? r : "unmatched",
                            "status", Integer.toString(((HttpServletResponse) res).getStatus()))
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
