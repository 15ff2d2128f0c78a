package io.veridict.api.resources;

import io.veridict.api.core.PolicyLibrary;
import io.veridict.policy.CompiledPolicy;
import io.veridict.schemas.avro.PolicyVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
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
 * {@code POST /v1/decisions/evaluate}: evaluates a context against a policy, a dry run of the policy
 * engine (docs/policies.md §12): a document given in the request, or a version the tenant published
 * (by hash, by id and version, or the id's active version), read from this instance's stores, so a
 * request naming a version of a tenant another instance owns is sent there (307). It writes nothing
 * to Kafka, keeps nothing of the context and logs none of it; the answer is the engine's
 * {@link Evaluation}, its hash included, and for a published version its id, version and status.
 * A document or context the engine refuses answers 422 with the engine's code ({@link PolicyRefusals}).
 */
@Path("/v1/decisions/evaluate")
@Produces(MediaType.APPLICATION_JSON)
public final class EvaluationResource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Where a request for a tenant another instance owns goes: empty when this instance owns it. */
    @FunctionalInterface
    public interface Owner {
        Optional<URI> elsewhere(ContainerRequestContext request);
    }

    private final PolicyEvaluator evaluator;
    private final PolicyLibrary library;
    private final StrictJsonReader reader;
    private final Owner owner;

    /**
     * @param evaluator the engine, with its cache of compiled policies
     * @param library   the tenants' published policies
     * @param reader    reads the body; deep enough for every context the engine accepts
     * @param owner     where a request naming a published version is answered
     */
    public EvaluationResource(PolicyEvaluator evaluator, PolicyLibrary library, StrictJsonReader reader, Owner owner) {
        this.evaluator = evaluator;
        this.library = library;
        this.reader = reader;
        this.owner = owner;
    }

    @POST
    @RequiresScope(Scope.DECISIONS_EVALUATE)
    public Response evaluate(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext http) {
        String tenant = RequestHeaders.tenantId(headers);
        EvaluationRequest request = EvaluationRequest.fromJson(reader.read(body, headers));
        if (request.reference() == null) {
            try {
                return Response.ok(view(evaluator.evaluate(tenant, request.document(), request.context()))).build();
            } catch (PolicyException refused) {
                throw PolicyRefusals.of(refused, request.document());
            }
        }
        Optional<URI> elsewhere = owner.elsewhere(http);
        if (elsewhere.isPresent()) {
            return Response.temporaryRedirect(elsewhere.get()).build();
        }
        PolicyVersion version = library.resolve(tenant, request.reference());
        CompiledPolicy policy = library.compiled(tenant, version);
        try {
            ObjectNode answer = view(policy.evaluate(request.context()));
            answer.putObject("policy").put("id", version.getPolicyId()).put("version", version.getVersion())
                    .put("status", version.getStatus().name());
            return Response.ok(answer).build();
        } catch (PolicyException refused) {
            throw PolicyRefusals.of(refused, null);
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
