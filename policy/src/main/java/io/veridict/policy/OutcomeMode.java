package io.veridict.policy;

/**
 * How a policy turns the results of its rules into an outcome.
 *
 * @see "docs/policies.md §5 Outcomes"
 */
public enum OutcomeMode {
    /**
     * Rules are evaluated in order until one is violated or fails; a violated rule's own
     * outcome is the policy's outcome, and no rule after it is evaluated.
     */
    FIRST_MATCH("first_match"),
    /**
     * Every rule is evaluated; the outcome is the one the policy maps the highest severity
     * among the violations to.
     */
    ALL_VIOLATIONS("all_violations");

    private final String json;

    OutcomeMode(String json) {
        this.json = json;
    }

    /** @return the name of the mode in a policy document */
    public String json() {
        return json;
    }

    static OutcomeMode fromJson(String name) {
        for (OutcomeMode mode : values()) {
            if (mode.json.equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
