package io.veridict.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.api.metrics.ServiceMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Renders an {@link ApiException} as an HTTP response in the one error shape. The body is
 * serialised here to UTF-8 bytes, so answering an error never depends on the JSON provider that
 * may itself be what failed.
 */
public final class ErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    /**
     * The response for {@code error}: its status, {@code Content-Type: application/json}, the
     * {@code X-Correlation-Id} header, the error's extra headers and an {@link ErrorBody}.
     */
    public static Response of(ApiException error, String correlationId) {
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(CorrelationId.HEADER, correlationId)
                .entity(body(error, correlationId));
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            response.header(header.getKey(), header.getValue());
        }
        return response.build();
    }

    /**
     * Answers {@code error} from a Jersey request filter, exactly as {@link ApiExceptionMapper}
     * would answer it thrown (same response, same log line), without an exception mapper: a
     * filter that refuses many requests (authentication) does not pay for the mapping.
     */
    public static void abortWith(ContainerRequestContext request, ApiException error) {
        String correlationId = CorrelationId.current(request);
        ApiExceptionMapper.log(error, error, request, correlationId);
        request.abortWith(of(error, correlationId));
    }

    /**
     * Answers {@code error} from a servlet filter, before Jersey: status, JSON body, correlation id
     * and the error's extra headers, on a response nothing has been written to yet.
     */
    public static void write(jakarta.servlet.http.HttpServletResponse response, ApiException error, String correlationId)
            throws java.io.IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setHeader(CorrelationId.HEADER, correlationId);
        error.headers().forEach(response::setHeader);
        response.getOutputStream().write(body(error, correlationId));
    }

    /** The UTF-8 JSON bytes of the {@link ErrorBody} answering {@code error}. */
    public static byte[] body(ApiException error, String correlationId) {
        ServiceMetrics.errorResponse(error.code(), error.status());
        try {
            return JSON.writeValueAsBytes(ErrorBody.of(error, correlationId));
        } catch (JsonProcessingException e) {
            // Strings and a list of string pairs always serialise; this is a broken classpath.
            throw new IllegalStateException("cannot serialise an error body", e);
        }
    }
}
