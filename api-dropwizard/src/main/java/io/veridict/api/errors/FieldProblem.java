package io.veridict.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One problem with one part of a request, as listed in an error's {@code details}.
 *
 * @param field where the problem is, in the notation of {@link FieldPath} (for example
 *        {@code violations[2].severity}); {@code null} when the problem concerns the request as a
 *        whole, and then omitted from the JSON
 * @param problem what is wrong, in plain words, never echoing secret material
 * @param ruleId the id of the policy rule at fault, when a policy is refused because of one of
 *        its rules; {@code null} otherwise, and then omitted from the JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(@JsonProperty("field") String field, @JsonProperty("problem") String problem,
                           @JsonProperty("rule_id") String ruleId) {

    public FieldProblem {
        Objects.requireNonNull(problem, "problem");
    }

    /** A problem that concerns no policy rule. */
    public FieldProblem(String field, String problem) {
        this(field, problem, null);
    }

    /** A problem with the named field. */
    public static FieldProblem of(String field, String problem) {
        return new FieldProblem(field, problem);
    }
}
