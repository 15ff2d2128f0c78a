package io.veridict.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;

/**
 * Gives an error response that has no body the one error shape, keeping its status and
 * headers. Such responses come from filters that call {@code abortWith(Response.status(…).build())}
 * and never reach an exception mapper. Runs before {@link CorrelationIdFilter}'s response side.
 */
@Priority(EmptyErrorBodyFilter.PRIORITY)
public final class EmptyErrorBodyFilter implements ContainerResponseFilter {

    /** Response filters run from the highest priority down; this one runs just before {@link CorrelationIdFilter}. */
    public static final int PRIORITY = CorrelationIdFilter.PRIORITY + 1;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || response.hasEntity()) {
            return;
        }
        ApiException error = ExceptionTranslator.forStatus(response.getStatus(), null);
        response.setEntity(ErrorResponses.body(error, CorrelationId.current(request)), new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE);
    }
}
