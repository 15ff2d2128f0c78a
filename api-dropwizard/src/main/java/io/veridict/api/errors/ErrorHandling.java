package io.veridict.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.optional.EmptyOptionalException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.eclipse.jetty.io.EofException;

/**
 * Wires the request intake layer into a Dropwizard environment: the {@link CorrelationIdFilter},
 * the exception mappers that answer every error in the one shape, and the
 * {@link EmptyErrorBodyFilter} for error responses built without an exception.
 *
 * <p>Dropwizard registers default mappers of its own (unless
 * {@code server.registerDefaultExceptionMappers: false}). Jersey prefers the mapper whose type is
 * closest to the exception and, between equally close ones, the application's own; so one
 * {@link ApiExceptionMapper} is registered for each type a Dropwizard default handles, and ours
 * win with or without the defaults.
 */
public final class ErrorHandling {

    private ErrorHandling() {
    }

    /**
     * Registers the filters and every exception mapper with Jersey, and the
     * {@link JettyErrorHandler} for errors Jetty answers before Jersey sees the request.
     */
    public static void register(Environment environment) {
        providers().forEach(environment.jersey()::register);
        JettyErrorHandler jettyErrors = new JettyErrorHandler();
        environment.getApplicationContext().setErrorHandler(jettyErrors);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(jettyErrors));
    }

    /** The filter and mappers {@link #register} installs, for tests that build Jersey themselves. */
    public static List<Object> providers() {
        return List.of(
                new CorrelationIdFilter(),
                new EmptyErrorBodyFilter(),
                ResourceInvocation.binder(),
                new ApiExceptionMapper<ApiException>() { },
                new ApiExceptionMapper<JsonProcessingException>() { },
                new ApiExceptionMapper<WebApplicationException>() { },
                new ApiExceptionMapper<ConstraintViolationException>() { },
                new ApiExceptionMapper<JerseyViolationException>() { },
                new ApiExceptionMapper<EmptyOptionalException>() { },
                new ApiExceptionMapper<IllegalStateException>() { },
                new ApiExceptionMapper<EofException>() { },
                new ApiExceptionMapper<Throwable>() { });
    }
}
