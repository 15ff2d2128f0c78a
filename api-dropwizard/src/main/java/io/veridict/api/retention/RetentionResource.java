package io.veridict.api.retention;

import io.veridict.streams.RefusalCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.AccessRequests;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.api.RetentionRequests;
import io.veridict.api.auth.Principal;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.ChangeChainer;
import io.veridict.api.core.DecisionRecorder;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.Refusals;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.api.resources.OwnerRead;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.PendingProposal;
import io.veridict.schemas.avro.RetentionCounts;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionRequestType;
import io.veridict.schemas.avro.RetentionRule;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.streams.retention.RetentionChanges;
import io.veridict.streams.retention.RetentionOperation;
import io.veridict.streams.retention.RetentionPlan;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's retention policy (docs/retention.md). Reading needs {@code retention:read}; a change
 * needs {@code retention:manage} and is in force at once unless it shortens any retention, in
 * which case it waits as a proposal until another holder approves it ({@code retention:approve})
 * within the approval window. Every change, proposal, approval, rejection and expiry is an entry in
 * the tenant's chain; the chain enforces the rules, these endpoints check the request and wait.
 */
@Path("/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@OwnerRead
public final class RetentionResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChangeChainer changes;
    private final LedgerQueries ledger;
    private final StrictJsonReader reader;
    private final RetentionFactory settings;
    private final Clock clock;

    public RetentionResource(DecisionRecorder recorder, LedgerQueries ledger, StrictJsonReader reader,
                             RetentionFactory settings, Clock clock) {
        this.changes = new ChangeChainer(recorder, ledger, clock);
        this.ledger = ledger;
        this.reader = reader;
        this.settings = settings;
        this.clock = clock;
    }

    /** The policy in force, its version, the proposals waiting, and the operator's bounds. */
    @GET
    @RequiresScope(Scope.RETENTION_READ)
    public ObjectNode read(@Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        RetentionState state = ledger.retention(tenant).orElse(RetentionChanges.empty());
        ObjectNode answer = JSON.objectNode().put("tenant_id", tenant).put("policy_version", state.getPolicyVersion());
        answer.set("rules", rules(state.getPolicy()));
        ArrayNode pending = answer.putArray("pending");
        for (PendingProposal p : state.getPending()) {
            ObjectNode node = pending.addObject().put("proposal_id", p.getProposalId())
                    .put("kind", p.getHoldId() != null ? "hold_lift" : p.getErasure() == null ? "policy_change"
                            : p.getErasure().getWholeTenant() ? "tenant_deletion" : "erasure")
                    .put("hold_id", p.getHoldId())
                    .put("proposed_by", p.getProposerHolder())
                    .put("proposed_at", AccessRequests.time(p.getProposedAt()))
                    .put("approve_by", AccessRequests.time(p.getExpiresAt()))
                    .put("base_version", p.getBaseVersion());
            if (p.getPolicy() != null) {
                node.set("rules", rules(p.getPolicy()));
            }
        }
        ArrayNode holds = answer.putArray("holds");
        for (LegalHold h : state.getHolds()) {
            ObjectNode node = holds.addObject().put("hold_id", h.getHoldId()).put("whole_tenant", h.getWholeTenant())
                    .put("decisions", h.getDecisionDigests().size())
                    .put("recorded_from", AccessRequests.time(h.getRecordedFrom()))
                    .put("recorded_to", AccessRequests.time(h.getRecordedTo())).put("reason", h.getReason());
            ArrayNode labels = node.putArray("labels");
            h.getLabels().forEach(labels::add);
        }
        RetentionCounts counts = state.getCounts();
        answer.putObject("job").put("runs", counts.getRuns()).put("erased_by_runs", counts.getErasedByRuns())
                .put("erasures", counts.getErasures()).put("erased_on_request", counts.getErasedOnRequest())
                .put("last_run_seq", counts.getLastRunSeq()).put("last_run_at", AccessRequests.time(counts.getLastRunAt()))
                .put("last_run_erased", counts.getLastRunErased()).put("held_at_last_run", counts.getHeldAtLastRun());
        RetentionRequests.Bounds bounds = settings.bounds();
        answer.putObject("bounds").put("minimum", bounds.minimum().toString())
                .put("maximum", bounds.maximum().map(java.time.Duration::toString).orElse(RetentionRequests.FOREVER));
        return answer;
    }

    /** Replaces the policy: 200 when in force, 202 with the proposal when it waits for approval. */
    @PUT
    @Path("policy")
    @RequiresScope(Scope.RETENTION_MANAGE)
    public Response change(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        String tenant = RequestHeaders.tenantId(headers);
        RetentionRequests.PolicyChange change = RetentionRequests.PolicyChange.fromJson(reader.read(body, headers),
                settings.bounds());
        Instant approveBy = clock.instant().plus(settings.approvalWindow());
        ObjectNode operation = chain(tenant, headers, request, new RetentionRequest(RetentionRequestType.CHANGE_POLICY,
                change.policy(), null, change.reason(), approveBy, null, null, null));
        boolean pending = "POLICY_PROPOSED".equals(operation.path("operation").asText());
        return Response.status(pending ? Response.Status.ACCEPTED : Response.Status.OK).entity(answer(operation)).build();
    }

    /** Places a legal hold: in force at once. */
    @POST
    @Path("holds")
    @RequiresScope(Scope.RETENTION_MANAGE)
    public Response placeHold(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        RetentionRequests.NewHold hold = RetentionRequests.NewHold.fromJson(reader.read(body, headers));
        return Response.status(Response.Status.CREATED).entity(answer(chain(RequestHeaders.tenantId(headers), headers, request,
                new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, hold.reason(), null, hold.hold(), null, null))))
                .build();
    }

    /** Proposes lifting a hold: it stays in force until another holder approves. */
    @POST
    @Path("holds/{hold_id}/lift")
    @RequiresScope(Scope.RETENTION_MANAGE)
    public Response liftHold(@PathParam("hold_id") String holdId, InputStream body, @Context HttpHeaders headers,
                             @Context ContainerRequestContext request) {
        String reason = RetentionRequests.reason(reader.readOptional(body, headers));
        Instant approveBy = clock.instant().plus(settings.approvalWindow());
        ObjectNode operation = chain(RequestHeaders.tenantId(headers), headers, request,
                new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, reason, approveBy, null, id(holdId, "hold"), null));
        return Response.status(Response.Status.ACCEPTED).entity(answer(operation)).build();
    }

    /** Runs the retention job for the tenant now: erases what is due, and answers what went. */
    @POST
    @Path("runs")
    @RequiresScope(Scope.RETENTION_MANAGE)
    public ObjectNode runNow(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        RetentionRequests.run(reader.readOptional(body, headers));
        try {
            ObjectNode operation = chain(RequestHeaders.tenantId(headers), headers, request,
                    new RetentionRequest(RetentionRequestType.APPLY, null, null, null, null, null, null, null));
            return JSON.objectNode().put("operation", "RETENTION_APPLIED").<ObjectNode>set("erased", operation.get("erased"))
                    .<ObjectNode>set("held", operation.get("held")).<ObjectNode>set("ranges", operation.get("ranges"))
                    .<ObjectNode>set("policy_version", operation.get("policy_version")).set("seq", operation.get("seq"));
        } catch (NothingToErase e) {
            return JSON.objectNode().put("operation", (String) null).put("erased", 0);
        }
    }

    /**
     * Proposes erasing one decision's payload, or every payload recorded with a data subject
     * reference: 202 with the proposal, which a second holder approves like any other. Refused at
     * once (and nothing chained) when a legal hold covers any of them, none is left, or the
     * decision id is unknown.
     */
    @POST
    @Path("erasures")
    @RequiresScope(Scope.RETENTION_MANAGE)
    public Response proposeErasure(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        RetentionRequests.Erasure erasure = RetentionRequests.Erasure.fromJson(reader.read(body, headers));
        if (erasure.request().getWholeTenant() && !Principal.of(request).scopes().contains(Scope.TENANT_ADMIN)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "deleting the tenant needs the scope tenant:admin as well");
        }
        Instant approveBy = clock.instant().plus(settings.approvalWindow());
        try {
            ObjectNode operation = chain(RequestHeaders.tenantId(headers), headers, request, new RetentionRequest(
                    RetentionRequestType.ERASE, null, null, erasure.reason(), approveBy, null, null, erasure.request()));
            return Response.status(Response.Status.ACCEPTED).entity(answer(operation)).build();
        } catch (NothingToErase e) {
            throw Refusals.of(RefusalCode.NOTHING_TO_ERASE);
        }
    }

    /** The dry run: what a run now would erase, and how many payloads due a hold keeps. Changes nothing. */
    @GET
    @Path("plan")
    @RequiresScope(Scope.RETENTION_READ)
    public ObjectNode plan(@Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        RetentionState state = ledger.retention(tenant).orElse(RetentionChanges.empty());
        RetentionPlan plan = ledger.retentionPlan(tenant, state, clock.instant());
        ObjectNode answer = JSON.objectNode().put("tenant_id", tenant).put("policy_version", state.getPolicyVersion())
                .put("would_erase", plan.erase().size()).put("held", plan.held()).put("more", plan.more());
        ArrayNode ranges = answer.putArray("ranges");
        plan.ranges().forEach(r -> ranges.addArray().add(r[0]).add(r[1]));
        return answer;
    }

    /** A run with nothing due: nothing is chained. */
    private static final class NothingToErase extends RuntimeException {
        NothingToErase() {
            super(null, null, false, false);
        }
    }

    /** Approves another holder's proposal: it is then in force. */
    @POST
    @Path("proposals/{proposal_id}/approve")
    @RequiresScope(Scope.RETENTION_APPROVE)
    public ObjectNode approve(@PathParam("proposal_id") String proposalId, InputStream body, @Context HttpHeaders headers,
                              @Context ContainerRequestContext request) {
        return decide(RetentionRequestType.APPROVE, proposalId, body, headers, request);
    }

    /** Turns a proposal down. */
    @POST
    @Path("proposals/{proposal_id}/reject")
    @RequiresScope(Scope.RETENTION_APPROVE)
    public ObjectNode reject(@PathParam("proposal_id") String proposalId, InputStream body, @Context HttpHeaders headers,
                             @Context ContainerRequestContext request) {
        return decide(RetentionRequestType.REJECT, proposalId, body, headers, request);
    }

    /** An approval or a rejection of a proposal, with the optional reason of the body. */
    private ObjectNode decide(RetentionRequestType decision, String proposalId, InputStream body, HttpHeaders headers,
                              ContainerRequestContext request) {
        String reason = RetentionRequests.reason(reader.readOptional(body, headers));
        return answer(chain(RequestHeaders.tenantId(headers), headers, request,
                new RetentionRequest(decision, null, id(proposalId, "proposal"), reason, null, null, null, null)));
    }

    /** Chains the request and answers with the payload of its entry: what it became. */
    private ObjectNode chain(String tenant, HttpHeaders headers, ContainerRequestContext request, RetentionRequest body) {
        try {
            return changes.chain(tenant, headers, request, body, "GET /v1/retention");
        } catch (ApiException refused) {
            if (ErrorCode.NOTHING_TO_ERASE.name().equals(refused.code())) {
                throw new NothingToErase();
            }
            throw refused;
        }
    }

    private static ObjectNode answer(ObjectNode operation) {
        String kind = operation.path("operation").asText();
        ObjectNode answer = JSON.objectNode().put("status", RetentionOperation.Kind.valueOf(kind).isProposal()
                ? "pending_approval" : switch (kind) {
            case "PROPOSAL_REJECTED" -> "rejected";
            case "HOLD_LIFTED" -> "lifted";
            case "ERASURE_APPLIED" -> "erased";
            case "TENANT_DELETED" -> "deleted";
            default -> "in_force";
        });
        answer.put("operation", kind).set("policy_version", operation.get("policy_version"));
        answer.set("proposal_id", operation.get("proposal_id"));
        answer.set("proposed_by", operation.get("proposed_by"));
        answer.set("decided_by", operation.get("decided_by"));
        answer.set("approve_by", operation.get("approve_by"));
        answer.set("seq", operation.get("seq"));
        if (!operation.path("hold_id").isNull()) {
            answer.set("hold_id", operation.get("hold_id"));
        }
        if ("ERASURE_APPLIED".equals(kind) || "TENANT_DELETED".equals(kind)) {
            answer.set("erased", operation.get("erased"));
            answer.set("ranges", operation.get("ranges"));
        }
        JsonNode policy = operation.get("policy");
        if (policy != null && policy.isObject()) {
            ArrayNode rules = answer.putArray("rules");
            policy.get("rules").forEach(r -> rules.addObject().put("entry_type", r.get("entry_type").asText())
                    .set("label", r.get("label")));
            for (int i = 0; i < rules.size(); i++) {
                JsonNode seconds = policy.get("rules").get(i).get("retain_seconds");
                ((ObjectNode) rules.get(i)).put("retain", RetentionRequests.retain(seconds.isNull() ? null : seconds.asLong()));
            }
        }
        return answer;
    }

    private static ArrayNode rules(RetentionPolicy policy) {
        ArrayNode rules = JSON.arrayNode();
        for (RetentionRule r : policy.getRules()) {
            rules.addObject().put("entry_type", r.getEntryType()).put("label", r.getLabel())
                    .put("retain", RetentionRequests.retain(r.getRetainSeconds()));
        }
        return rules;
    }

    /** A proposal or hold id: a UUID as the chain made it; anything else names nothing. */
    private static String id(String text, String what) {
        try {
            if (UUID.fromString(text).toString().equals(text)) {
                return text;
            }
        } catch (IllegalArgumentException e) {
            // not a UUID
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "no " + what + " with this id");
    }

}
