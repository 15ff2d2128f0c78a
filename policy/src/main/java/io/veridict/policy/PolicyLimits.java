package io.veridict.policy;

/**
 * Every limit of the engine in one place. Changing one changes which policies and contexts are
 * accepted, or what a policy may cost, and so is a change of {@link EngineVersion#ENGINE}.
 *
 * @see "docs/policies.md"
 */
public final class PolicyLimits {

    /** Largest policy document, in bytes of its UTF-8 text. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Most rules in one policy. */
    public static final int MAX_RULES = 200;
    /** Longest rule condition, in Unicode code points. */
    public static final int MAX_CONDITION_CODE_POINTS = 4096;
    /** Longest rule message, in Unicode code points. */
    public static final int MAX_MESSAGE_CODE_POINTS = 1024;
    /** Longest policy description, in Unicode code points. */
    public static final int MAX_DESCRIPTION_CODE_POINTS = 4096;

    /** Deepest nesting of objects and arrays in a context; the context object itself is depth 1. */
    public static final int MAX_CONTEXT_DEPTH = 32;
    /** Most elements of one array, or members of one object, in a context. */
    public static final int MAX_CONTEXT_ELEMENTS = 1000;
    /** Most JSON values in a context, counting every object, array, string, number, boolean and null. */
    public static final int MAX_CONTEXT_VALUES = 10_000;
    /** Largest context, in bytes of its canonical JSON. */
    public static final int MAX_CONTEXT_BYTES = 1024 * 1024;
    /** Longest string or member name in a context, in Unicode code points. */
    public static final int MAX_CONTEXT_STRING_CODE_POINTS = 8192;

    /** Highest estimated cost of one rule. */
    public static final long RULE_COST_BUDGET = 250_000;
    /** Highest estimated cost of all the rules of a policy together. */
    public static final long POLICY_COST_BUDGET = 1_000_000;
    /** Deepest expression tree of a condition, after macros are expanded. */
    public static final int MAX_CONDITION_DEPTH = 32;
    /** Deepest nesting the parser follows before giving up on a condition. */
    public static final int MAX_PARSE_DEPTH = 100;
    /**
     * Most comprehension iterations (of {@code all}, {@code exists}, {@code map} …) in one
     * evaluation of one rule: a backstop the cost estimate keeps rules far below.
     */
    public static final int MAX_ITERATIONS = (int) RULE_COST_BUDGET;
    /** Largest compiled regular expression, in RE2 program instructions. */
    public static final int MAX_REGEX_PROGRAM_SIZE = 1000;

    private PolicyLimits() {
    }
}
