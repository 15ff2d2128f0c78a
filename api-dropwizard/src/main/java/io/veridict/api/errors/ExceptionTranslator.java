package io.veridict.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jersey.optional.EmptyOptionalException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.glassfish.jersey.server.ParamException;

/**
 * Decides, in one place, what every exception that reaches Jersey is answered with. Errors of
 * the client become 4xx {@link ApiException}s; anything unforeseen becomes
 * {@link ErrorCode#INTERNAL_ERROR} carrying the original as its cause (for the log, never for
 * the client).
 */
public final class ExceptionTranslator {

    /** The message of every {@code INTERNAL_ERROR}: no internals, a pointer to the log. */
    public static final String INTERNAL_MESSAGE =
            "an unexpected error occurred; it was logged under this response's correlation id";

    /** Response headers of a framework error that still mean something in our answer. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER);

    private ExceptionTranslator() {
    }

    /** The API error that answers {@code failure}. */
    public static ApiException translate(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ResourceInvocation.ClientError client) {
            return client.error();
        }
        if (failure instanceof JsonProcessingException json) {
            return JacksonErrors.translate(json);
        }
        if (failure instanceof WebApplicationException web) {
            return webApplication(web);
        }
        if (failure instanceof ConstraintViolationException violations) {
            return constraintViolations(violations);
        }
        if (failure instanceof EmptyOptionalException) {
            return new ApiException(ErrorCode.NOT_FOUND, "no such resource");
        }
        if (failure instanceof CharConversionException) {
            return new ApiException(ErrorCode.INVALID_UTF8, "the request body is not well-formed UTF-8");
        }
        if (isCorruptGzip(failure)) {
            return corruptGzip(failure);
        }
        if (isClientAbort(failure)) {
            return new ApiException(ErrorCode.BODY_INCOMPLETE, "the request ended before its body was complete");
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, INTERNAL_MESSAGE, failure);
    }

    /** Whether {@code failure} (or a cause of it) is the inflater refusing a body sent as gzip. */
    public static boolean isCorruptGzip(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.zip.ZipException) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a body sent as {@code Content-Encoding: gzip} that is not gzip data. */
    public static ApiException corruptGzip(Throwable failure) {
        return new ApiException(ErrorCode.INVALID_CONTENT_ENCODING,
                "the request body is sent as gzip but is not valid gzip data", failure);
    }

    /** Whether an error answer means the server failed unexpectedly, so it must be logged at ERROR. */
    public static boolean isUnexpected(ApiException error) {
        return error.status() >= 500 && error.status() != ErrorCode.SERVICE_UNAVAILABLE.status();
    }

    private static ApiException webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        ApiException error;
        if (e instanceof ParamException param) {
            error = param instanceof ParamException.PathParamException
                    ? new ApiException(ErrorCode.NOT_FOUND, "no resource at this path")
                    : new ApiException(ErrorCode.INVALID_REQUEST, "the request has 1 problem", List.of(FieldProblem.of(
                            param.getParameterName(), "is not a valid " + parameterKind(param))));
        } else {
            error = forStatus(original.getStatus(), e);
        }
        for (String name : KEPT_HEADERS) {
            String value = original.getHeaderString(name);
            if (value != null) {
                error = error.withHeader(name, value);
            }
        }
        return error;
    }

    /**
     * The catalogued error for a bare HTTP status (a framework exception, or an error response
     * without a body). Statuses without a code of their own keep their status as
     * {@code REQUEST_REJECTED} (4xx) or become {@code INTERNAL_ERROR} (5xx, caused by {@code cause}).
     */
    static ApiException forStatus(int status, Throwable cause) {
        return switch (status) {
            case 400 -> new ApiException(ErrorCode.BAD_REQUEST, "the request is malformed");
            case 401 -> new ApiException(ErrorCode.UNAUTHENTICATED, "the request carries no valid credentials");
            case 403 -> new ApiException(ErrorCode.FORBIDDEN, "the credentials do not allow this request");
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, "no resource at this path");
            case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                    "the resource does not support this HTTP method; see the Allow header");
            case 406 -> new ApiException(ErrorCode.NOT_ACCEPTABLE,
                    "the resource cannot answer in a media type the Accept header allows; it answers application/json");
            case 413 -> new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is too large");
            case 415 -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be application/json (charset utf-8, if given)");
            case 503 -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the service is not available; retry later");
            default -> status < 500
                    ? new ApiException(status, ErrorCode.REQUEST_REJECTED.name(), "the request was rejected",
                            List.of(), Map.of(), null)
                    : new ApiException(ErrorCode.INTERNAL_ERROR, INTERNAL_MESSAGE, cause);
        };
    }

    private static String parameterKind(ParamException param) {
        String annotation = param.getParameterType().getSimpleName();
        return switch (annotation) {
            case "QueryParam" -> "query parameter";
            case "HeaderParam" -> "header";
            case "CookieParam" -> "cookie";
            case "FormParam" -> "form field";
            case "MatrixParam" -> "matrix parameter";
            default -> "parameter";
        };
    }

    private static ApiException constraintViolations(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .toList();
        if (violations.stream().anyMatch(ExceptionTranslator::isReturnValue)) {
            return new ApiException(ErrorCode.INTERNAL_ERROR, INTERNAL_MESSAGE, e);
        }
        FieldProblems problems = new FieldProblems();
        for (ConstraintViolation<?> violation : violations) {
            String field = field(violation.getPropertyPath());
            problems.add(field.isEmpty() ? null : field, violation.getMessage());
        }
        return problems.isEmpty()
                ? new ApiException(ErrorCode.INVALID_REQUEST, "the request is not valid")
                : problems.toException(ErrorCode.INVALID_REQUEST, "the request");
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The violated property, without the method and parameter nodes Bean Validation puts first. */
    private static String field(Path path) {
        String field = FieldPath.ROOT;
        String parameter = FieldPath.ROOT;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getName() != null) {
                    field = FieldPath.member(field, node.getName());
                }
                if (node.getIndex() != null) {
                    field = FieldPath.index(field, node.getIndex());
                }
            }
        }
        return field.isEmpty() ? parameter : field;
    }

    private static boolean isClientAbort(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof EofException) {
                return true;
            }
        }
        return false;
    }
}
