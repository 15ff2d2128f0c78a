package io.veridict.policy;

/**
 * Why a policy or a context was refused. The codes are stable: callers and the test vectors
 * ({@code docs/test-vectors/policies.json}) branch on them, never on messages.
 *
 * @see "docs/policies.md §7 Error codes"
 */
public enum PolicyErrorCode {
    /** The policy document is not valid JSON, or its shape breaks a rule of the format or a limit. */
    POLICY_INVALID,
    /** A rule's condition does not parse or does not type-check against the environment. */
    RULE_COMPILE_ERROR,
    /** A rule's condition type-checks, but its type is not {@code bool}. */
    RULE_NOT_BOOLEAN,
    /** A rule, or the policy as a whole, is estimated to cost more than the budget allows. */
    POLICY_OVER_BUDGET,
    /** The context nests objects and arrays deeper than the limit. */
    CONTEXT_TOO_DEEP,
    /** The context is not a JSON object, is not canonicalisable JSON, or breaks a size limit. */
    CONTEXT_INVALID
}
