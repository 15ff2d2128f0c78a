package io.veridict.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.MDC;

/**
 * Gives every request its {@link CorrelationId} before anything else runs (pre-matching, so
 * requests to unknown paths have one too), puts it in the SLF4J MDC, and writes it into the
 * {@code X-Correlation-Id} header of every response, including error responses built by the
 * exception mappers. The response side runs last and clears the MDC.
 */
@PreMatching
@Priority(CorrelationIdFilter.PRIORITY)
public final class CorrelationIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Before authentication (1000) and every other filter of the application. */
    public static final int PRIORITY = 100;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = CorrelationId.accept(request.getHeaderString(CorrelationId.HEADER));
        request.setProperty(CorrelationId.PROPERTY, id);
        MDC.put(CorrelationId.MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(CorrelationId.HEADER, CorrelationId.current(request));
        MDC.remove(CorrelationId.MDC_KEY);
    }
}
