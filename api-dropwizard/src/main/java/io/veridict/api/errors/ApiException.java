package io.veridict.api.errors;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error the API answers on purpose: an HTTP status, a stable {@code code}, a human
 * {@code message} and optional field-level {@code details}. The exception mappers registered by
 * {@link ErrorHandling} turn it into the one error shape (see {@code docs/api-errors.md}).
 *
 * <p>The message and details are sent to the client as they are: they MUST NOT carry secret
 * material or internals (class names, stack traces, SQL, hostnames).
 *
 * <p>A 4xx answer is the client's doing and is never logged with a stack trace, so a 4xx error
 * does not record one (filling it in was the largest single cost of a refused request); a 5xx
 * error does, and a cause keeps its own either way.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final List<FieldProblem> details;
    private final Map<String, String> headers;

    /**
     * @param status the HTTP status (4xx or 5xx)
     * @param code the stable machine-readable code, e.g. {@code IDEMPOTENCY_KEY_REUSED}
     * @param message the human explanation
     * @param details field-level problems, possibly empty
     */
    public ApiException(Response.StatusType status, String code, String message, List<FieldProblem> details) {
        this(status.getStatusCode(), code, message, details, Map.of(), null);
    }

    /** An error with the status of its catalogued code and no details. */
    public ApiException(ErrorCode code, String message) {
        this(code.status(), code.name(), message, List.of(), Map.of(), null);
    }

    /** An error with the status of its catalogued code and field-level details. */
    public ApiException(ErrorCode code, String message, List<FieldProblem> details) {
        this(code.status(), code.name(), message, details, Map.of(), null);
    }

    /** An error with the status of its catalogued code, caused by another exception (logged, never sent). */
    public ApiException(ErrorCode code, String message, Throwable cause) {
        this(code.status(), code.name(), message, List.of(), Map.of(), cause);
    }

    /** The full constructor, for subclasses that always carry headers (e.g. {@code Retry-After}). */
    protected ApiException(int status, String code, String message, List<FieldProblem> details,
                           Map<String, String> headers, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, true, status >= 500);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    /**
     * A copy of this error that also sends a response header, e.g. {@code Retry-After} with a 503
     * or {@code Allow} with a 405.
     */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, code, getMessage(), details, more, getCause());
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the stable code */
    public String code() {
        return code;
    }

    /** @return the field-level problems, possibly empty */
    public List<FieldProblem> details() {
        return details;
    }

    /** @return extra response headers */
    public Map<String, String> headers() {
        return headers;
    }
}
