package io.veridict.policy;

import dev.cel.common.CelErrorCode;

/**
 * Why a rule could not be evaluated on a context. The codes are stable and part of the
 * evaluation hash.
 *
 * @see "docs/policies.md §5.3 Rule errors"
 */
public enum RuleErrorCode {
    /** A map key or object member the rule reads is not there ({@code ctx.missing}). */
    NO_SUCH_KEY,
    /** No overload of a function or operator takes the operands' runtime types ({@code ctx.text > 1}). */
    NO_SUCH_OVERLOAD,
    /** Integer division or modulo by zero. */
    DIVISION_BY_ZERO,
    /** An integer result, or a conversion, beyond the range of its type. */
    NUMERIC_OVERFLOW,
    /** A list index outside the list, or a list index that is a double with a fraction. */
    INDEX_OUT_OF_RANGE,
    /**
     * An argument a function cannot use: a malformed timestamp, duration or regular expression,
     * or an operand of {@code &&} or {@code ||} that is not a {@code bool}.
     */
    INVALID_ARGUMENT,
    /** The rule iterated more than {@value PolicyLimits#MAX_ITERATIONS} times in one evaluation. */
    ITERATION_LIMIT,
    /** Any other failure. */
    EVALUATION_ERROR;

    static RuleErrorCode of(CelErrorCode code) {
        if (code == null) {
            return EVALUATION_ERROR;
        }
        return switch (code) {
            case ATTRIBUTE_NOT_FOUND -> NO_SUCH_KEY;
            case OVERLOAD_NOT_FOUND, AMBIGUOUS_OVERLOAD -> NO_SUCH_OVERLOAD;
            case DIVIDE_BY_ZERO -> DIVISION_BY_ZERO;
            case NUMERIC_OVERFLOW -> NUMERIC_OVERFLOW;
            case INDEX_OUT_OF_BOUNDS -> INDEX_OUT_OF_RANGE;
            case BAD_FORMAT, INVALID_ARGUMENT -> INVALID_ARGUMENT;
            case ITERATION_BUDGET_EXCEEDED -> ITERATION_LIMIT;
            default -> EVALUATION_ERROR;
        };
    }
}
