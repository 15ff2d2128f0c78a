package io.veridict.api.errors;

import jakarta.inject.Provider;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an exception in the one error shape, using {@link ExceptionTranslator}. Unexpected
 * failures are logged once, at ERROR, with the correlation id; the client gets
 * {@code INTERNAL_ERROR} and nothing of the failure itself.
 *
 * <p>Jersey picks the mapper whose exception type is closest to the thrown one, so
 * {@link ErrorHandling} registers one subclass per exception type Dropwizard's default mappers
 * handle, each bound to its type by the type argument: {@code new ApiExceptionMapper<Throwable>() {}}.
 *
 * @param <E> the exception type this instance is registered for
 */
public abstract class ApiExceptionMapper<E extends Throwable> implements ExceptionMapper<E> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Context
    private Provider<ContainerRequestContext> requests;

    @Override
    public Response toResponse(E failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 400) {
            return web.getResponse(); // redirects and the like are answers, not errors
        }
        ContainerRequestContext request = requests == null ? null : requests.get();
        String correlationId = request == null ? CorrelationId.generate() : CorrelationId.current(request);
        ApiException error = ExceptionTranslator.translate(failure);
        log(error, failure, request, correlationId);
        return ErrorResponses.of(error, correlationId);
    }

    /** Logs the answer {@code error} to {@code failure}: unexpected ones at ERROR, other 5xx at WARN, 4xx at DEBUG. */
    static void log(ApiException error, Throwable failure, ContainerRequestContext request, String id) {
        String target = request == null ? "?" : request.getMethod() + " /" + request.getUriInfo().getPath();
        if (ExceptionTranslator.isUnexpected(error)) {
            LOG.error("Unexpected error answering {} [correlation_id={}]", target, id, failure);
        } else if (error.status() >= 500) {
            LOG.warn("Answered {} {} to {} [correlation_id={}]: {}", error.status(), error.code(), target, id,
                    error.getMessage());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Answered {} {} to {} [correlation_id={}]: {}", error.status(), error.code(), target, id,
                    error.getMessage());
        }
    }
}
