package io.veridict.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The one JSON shape of every error answer:
 * {@code {"code":"…","message":"…","correlation_id":"…","details":[{"field":"…","problem":"…"}]}},
 * with {@code details} omitted when empty.
 *
 * @param code the stable machine-readable code (see {@link ErrorCode})
 * @param message the human explanation
 * @param correlationId the request's {@link CorrelationId}, also sent in the {@code X-Correlation-Id} header
 * @param details field-level problems, possibly empty
 */
@JsonPropertyOrder({"code", "message", "correlation_id", "details"})
public record ErrorBody(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("details") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldProblem> details) {

    public ErrorBody {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** The body answering {@code error} for the request with {@code correlationId}. */
    public static ErrorBody of(ApiException error, String correlationId) {
        return new ErrorBody(error.code(), error.getMessage(), correlationId, error.details());
    }
}
