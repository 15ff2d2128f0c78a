package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.EvaluationRequest;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.PolicyEvaluator;
import io.veridict.api.errors.PolicyRefusals;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyException;
import io.veridict.policy.RuleError;
import io.veridict.policy.Violation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /v1/decisions/evaluate}: evaluates a context against a policy document given in the
 * request, a dry run of the policy engine (docs/policies.md §12). It writes nothing to Kafka,
 * reads nothing of the tenant's ledger, keeps nothing of the context and logs none of it; the
 * answer is the engine's {@link Evaluation}, its hash included. A document or context the engine
 * refuses answers 422 with the engine's code ({@link PolicyRefusals}).
 */
@Path("/v1/decisions/evaluate")
@Produces(MediaType.APPLICATION_JSON)
public final class EvaluationResource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PolicyEvaluator evaluator;
    private final StrictJsonReader reader;

    /**
     * @param evaluator the engine, with its cache of compiled policies
     * @param reader reads the body; deep enough for every context the engine accepts
     */
    public EvaluationResource(PolicyEvaluator evaluator, StrictJsonReader reader) {
        this.evaluator = evaluator;
        this.reader = reader;
    }

    @POST
    @RequiresScope(Scope.DECISIONS_EVALUATE)
    public ObjectNode evaluate(InputStream body, @Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        EvaluationRequest request = EvaluationRequest.fromJson(reader.read(body, headers));
        try {
            return view(evaluator.evaluate(tenant, request.document(), request.context()));
        } catch (PolicyException refused) {
            throw PolicyRefusals.of(refused, request.document());
        }
    }

    /** The answer: the evaluation as docs/policies.md §8 describes it, with each error's detail. */
    static ObjectNode view(Evaluation evaluation) {
        ObjectNode answer = NODES.objectNode();
        answer.put("outcome", evaluation.outcome());
        ArrayNode violations = answer.putArray("violations");
        for (Violation violation : evaluation.violations()) {
            violations.addObject().put("rule_id", violation.ruleId()).put("severity", violation.severity().name())
                    .put("message", violation.message());
        }
        ArrayNode errors = answer.putArray("errors");
        for (RuleError error : evaluation.errors()) {
            errors.addObject().put("rule_id", error.ruleId()).put("code", error.code().name()).put("detail", error.detail());
        }
        answer.put("policy_hash", evaluation.policyHash());
        answer.put("context_hash", evaluation.contextHash());
        answer.put("evaluation_hash", evaluation.evaluationHash());
        answer.put("engine", evaluation.engineVersion());
        return answer;
    }
}
