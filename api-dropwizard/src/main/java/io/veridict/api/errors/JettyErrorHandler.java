package io.veridict.api.errors;

import java.nio.ByteBuffer;
import io.veridict.api.transport.SecurityHeaders;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before a request reaches Jersey (malformed HTTP,
 * header fields or URI too large, a request line it cannot parse), in the API's one error shape:
 * JSON with a stable code, a fixed message and a correlation id (the client's, when well formed),
 * also in {@code X-Correlation-Id}, with the {@link SecurityHeaders} every answer carries (HSTS
 * when the request came over TLS). Nothing from the request is echoed and no stack is shown.
 */
public final class JettyErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json";

    public JettyErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    /** Every method gets the error body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String correlationId = CorrelationId.accept(request.getHeaders().get(CorrelationId.HEADER));
        ByteBuffer body = answer(status, correlationId, response.getHeaders());
        if (request.isSecure()) {
            response.getHeaders().put(SecurityHeaders.HSTS, SecurityHeaders.HSTS_VALUE);
        }
        response.write(true, body, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return answer(status, CorrelationId.generate(), fields);
    }

    /** Sets the answer's headers and returns its body. */
    private static ByteBuffer answer(int status, String correlationId, HttpFields.Mutable headers) {
        headers.put(HttpHeader.CONTENT_TYPE, JSON);
        headers.put(CorrelationId.HEADER, correlationId);
        SecurityHeaders.apply(headers::put, false);
        return ByteBuffer.wrap(body(status, correlationId));
    }

    /** The error body for a status Jetty chose. */
    static byte[] body(int status, String correlationId) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 505 -> ErrorCode.BAD_REQUEST; // an HTTP version Jetty does not speak: the client's doing
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        return ErrorResponses.body(new ApiException(code, message(code)), correlationId);
    }

    private static String message(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this method is not allowed here";
            case BODY_TOO_LARGE -> "the request body is too large";
            case URI_TOO_LONG -> "the request URI is too long";
            case HEADERS_TOO_LARGE -> "the request's header fields are too large";
            case SERVICE_UNAVAILABLE -> "the service is not available; retry later";
            case INTERNAL_ERROR -> "the request could not be handled";
            default -> "the HTTP request is malformed";
        };
    }
}
