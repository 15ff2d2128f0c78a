package io.veridict.api.resources;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldProblem;
import java.util.List;

/** Parsing of numeric query and path parameters, with field-level errors. */
final class QueryParams {

    private QueryParams() {
    }

    /** A seq: a non-negative decimal integer; {@code fallback} when absent. */
    static long seq(String name, String value, long fallback) {
        return bounded(name, value, fallback, 0, Long.MAX_VALUE);
    }

    /** A decimal integer within {@code [min, max]}; {@code fallback} when absent. */
    static long bounded(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a decimal integer");
        }
        if (parsed < min || parsed > max) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    static ApiException invalid(String name, String problem) {
        return new ApiException(ErrorCode.INVALID_REQUEST, "invalid " + name, List.of(new FieldProblem(name, problem)));
    }
}
