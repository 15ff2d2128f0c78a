package io.veridict.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a policy on a context, and its hash.
 *
 * <p>The evaluation hash is the lower-case hex SHA-256 of {@link #hashInput()}: the canonical
 * JSON (RFC 8785) of
 * <pre>{@code
 * {"context_hash": "<hex>", "engine": "<engine version>",
 *  "errors": [{"code": "<RuleErrorCode>", "rule_id": "<id>"}, …],
 *  "outcome": "<outcome>", "policy_hash": "<hex>",
 *  "violations": [{"message": "…", "rule_id": "<id>", "severity": "<SEVERITY>"}, …]}
 * }</pre>
 * with errors and violations in rule order. Error details are not hashed.
 *
 * @see "docs/policies.md §8 Evaluation hash"
 */
public final class Evaluation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String outcome;
    private final List<Violation> violations;
    private final List<RuleError> errors;
    private final String policyHash;
    private final String contextHash;
    private final String engineVersion;
    private final byte[] hashInput;
    private final String evaluationHash;

    Evaluation(String outcome, List<Violation> violations, List<RuleError> errors, String policyHash,
            String contextHash) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.violations = List.copyOf(violations);
        this.errors = List.copyOf(errors);
        this.policyHash = Objects.requireNonNull(policyHash, "policyHash");
        this.contextHash = Objects.requireNonNull(contextHash, "contextHash");
        this.engineVersion = EngineVersion.VERSION;
        this.hashInput = CanonicalJson.canonicalize(hashInputTree());
        this.evaluationHash = Sha256.hex(hashInput);
    }

    /** @return the policy's outcome, or {@link OutcomeRule#ERROR} if a rule failed */
    public String outcome() {
        return outcome;
    }

    /** @return the violated rules, in rule order */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the rules that could not be evaluated, in rule order */
    public List<RuleError> errors() {
        return errors;
    }

    /** @return the hash of the policy document that was evaluated */
    public String policyHash() {
        return policyHash;
    }

    /** @return lower-case hex SHA-256 of the context's canonical JSON */
    public String contextHash() {
        return contextHash;
    }

    /** @return the engine version, {@link EngineVersion#VERSION} */
    public String engineVersion() {
        return engineVersion;
    }

    /** @return lower-case hex SHA-256 of {@link #hashInput()}, 64 characters */
    public String evaluationHash() {
        return evaluationHash;
    }

    /** @return the exact bytes the evaluation hash is taken over, a copy */
    public byte[] hashInput() {
        return hashInput.clone();
    }

    private ObjectNode hashInputTree() {
        ObjectNode input = NODES.objectNode();
        input.put("context_hash", contextHash);
        input.put("engine", engineVersion);
        ArrayNode errorNodes = input.putArray("errors");
        for (RuleError error : errors) {
            errorNodes.addObject().put("code", error.code().name()).put("rule_id", error.ruleId());
        }
        input.put("outcome", outcome);
        input.put("policy_hash", policyHash);
        ArrayNode violationNodes = input.putArray("violations");
        for (Violation violation : violations) {
            violationNodes.addObject()
                    .put("message", violation.message())
                    .put("rule_id", violation.ruleId())
                    .put("severity", violation.severity().name());
        }
        return input;
    }

    @Override
    public String toString() {
        return "evaluation " + evaluationHash + ": " + outcome + ", " + violations.size() + " violations, "
                + errors.size() + " errors";
    }
}
