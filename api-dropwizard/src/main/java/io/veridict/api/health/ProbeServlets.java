package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Orchestrator probes on the admin port, next to Dropwizard's {@code /healthcheck}:
 * <ul>
 *   <li>{@code /live}: 200 while the process serves requests at all. A failing dependency does
 *       not make it fail: restarting the service would not bring Kafka back.</li>
 *   <li>{@code /ready}: 200 when every health check is healthy (Kafka, the registry, the topics
 *       from their last background run; the ledger topology's state now), else 503 naming the
 *       failing checks. Take the instance out of the load balancer on 503.</li>
 * </ul>
 * Both answer at once: the slow checks run in the background ({@code @Async}).
 */
public final class ProbeServlets {

    private ProbeServlets() {
    }

    /** {@code /live}. */
    public static HttpServlet live() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                write(response, HttpServletResponse.SC_OK, "{\"status\":\"alive\"}");
            }
        };
    }

    /** {@code /ready}, over {@code checks}. */
    public static HttpServlet ready(HealthCheckRegistry checks) {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                SortedMap<String, HealthCheck.Result> results = checks.runHealthChecks();
                String failing = results.entrySet().stream().filter(e -> !e.getValue().isHealthy()).map(Map.Entry::getKey)
                        .map(name -> "\"" + name + "\"").collect(Collectors.joining(","));
                if (failing.isEmpty()) {
                    write(response, HttpServletResponse.SC_OK, "{\"status\":\"ready\",\"failing\":[]}");
                } else {
                    write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "{\"status\":\"not ready\",\"failing\":[" + failing + "]}");
                }
            }
        };
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
