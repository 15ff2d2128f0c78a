package io.veridict.api.metrics;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Names the matched resource's URI template on the request ({@code /v1/keys/{key_id}/revoke}),
 * for {@link RequestMetricsFilter}: a label of bounded cardinality, unlike the path.
 */
@Priority(100) // before authentication (1000), which may refuse the request
public final class RouteTemplateFilter implements ContainerRequestFilter {

    /** The request attribute holding the template. */
    static final String ROUTE = "io.veridict.metrics.route";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo() instanceof ExtendedUriInfo info) {
            List<UriTemplate> matched = info.getMatchedTemplates();
            StringBuilder route = new StringBuilder();
            for (int i = matched.size() - 1; i >= 0; i--) {
                String part = matched.get(i).getTemplate();
                if (!part.startsWith("/") && (route.isEmpty() || route.charAt(route.length() - 1) != '/')) {
                    route.append('/');
                }
                route.append(part);
            }
            if (!route.isEmpty()) {
                request.setProperty(ROUTE, route.toString());
            }
        }
    }
}
