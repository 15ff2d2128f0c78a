package io.veridict.policy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a policy's outcome is found: the mode, the outcome when no rule is violated, and, in
 * {@link OutcomeMode#ALL_VIOLATIONS} mode, the outcome for each severity.
 *
 * @param mode how rule results become the outcome
 * @param defaultOutcome the outcome when no rule is violated and none fails
 * @param bySeverity the outcome for the highest severity among the violations; empty in
 *        {@link OutcomeMode#FIRST_MATCH} mode
 */
public record OutcomeRule(OutcomeMode mode, String defaultOutcome, Map<Severity, String> bySeverity) {

    /** The outcome of an evaluation in which a rule failed; no policy may use it as its own. */
    public static final String ERROR = "ERROR";

    public OutcomeRule {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(defaultOutcome, "defaultOutcome");
        bySeverity = bySeverity.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(bySeverity));
    }
}
