package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.AccessRequests;
import io.veridict.api.api.PolicyPublication;
import io.veridict.api.api.PolicyReference;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.ChangeChainer;
import io.veridict.api.core.PolicyLibrary;
import io.veridict.api.errors.PolicyRefusals;
import io.veridict.api.errors.Refusals;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.policy.PolicyException;
import io.veridict.schemas.avro.PolicyRequest;
import io.veridict.schemas.avro.PolicyRequestType;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.streams.RefusalCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tenant's decision policies (docs/policies.md §13). Publishing a version ({@code policies:publish})
 * chains a {@code POLICY_PUBLISHED} entry whose payload holds the document; a version is never
 * changed, only made active (superseding the active version of its id) or retired, each an entry
 * too. Reading ({@code policies:read}) lists the versions and returns a version's document. The
 * engine checks a document here first, so that a refusal names the rule at fault; the chain checks
 * it again and enforces what only it knows (a version published twice, statuses).
 */
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@OwnerRead
public final class PolicyResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChangeChainer changes;
    private final PolicyLibrary library;
    private final StrictJsonReader reader;

    /**
     * @param reader reads bodies; deep and large enough for every document the engine accepts
     */
    public PolicyResource(ChangeChainer changes, PolicyLibrary library, StrictJsonReader reader) {
        this.changes = changes;
        this.library = library;
        this.reader = reader;
    }

    /** Publishes a version: 201 with what the entry recorded. */
    @POST
    @RequiresScope(Scope.POLICIES_PUBLISH)
    public Response publish(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        PolicyPublication publication = PolicyPublication.fromJson(reader.read(body, headers));
        CompiledPolicy compiled;
        try {
            compiled = PolicyCompiler.compile(PolicyDocument.parse(publication.document()));
        } catch (PolicyException refused) {
            throw PolicyRefusals.of(refused, publication.document(), "document");
        }
        PolicyDocument document = compiled.document();
        ObjectNode operation = chain(RequestHeaders.tenantId(headers), headers, request, new PolicyRequest(
                PolicyRequestType.PUBLISH, document.policyId(), document.version(),
                new String(document.canonicalJson(), StandardCharsets.UTF_8), publication.activate(), publication.reason()));
        return Response.status(Response.Status.CREATED).entity(operation).build();
    }

    /** Every published version of the tenant, in the order published. */
    @GET
    @RequiresScope(Scope.POLICIES_READ)
    public ObjectNode list(@Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        ObjectNode answer = JSON.objectNode().put("tenant_id", tenant);
        ArrayNode versions = answer.putArray("versions");
        library.versions(tenant).forEach(v -> versions.add(view(v)));
        return answer;
    }

    /** One version, with its document. */
    @GET
    @Path("{policy_id}/versions/{version}")
    @RequiresScope(Scope.POLICIES_READ)
    public ObjectNode version(@PathParam("policy_id") String policyId, @PathParam("version") String version,
                              @Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        PolicyVersion found = find(tenant, policyId, version);
        ObjectNode answer = view(found);
        answer.set("document", library.document(tenant, found));
        return answer;
    }

    /** Makes a published version its policy's active one; the active version before it is superseded. */
    @POST
    @Path("{policy_id}/versions/{version}/activate")
    @RequiresScope(Scope.POLICIES_PUBLISH)
    public ObjectNode activate(@PathParam("policy_id") String policyId, @PathParam("version") String version,
                               InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        return change(PolicyRequestType.ACTIVATE, policyId, version, body, headers, request);
    }

    /** Retires a version for good: it is not activated again, and no decision is recorded with it. */
    @POST
    @Path("{policy_id}/versions/{version}/retire")
    @RequiresScope(Scope.POLICIES_PUBLISH)
    public ObjectNode retire(@PathParam("policy_id") String policyId, @PathParam("version") String version,
                             InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        return change(PolicyRequestType.RETIRE, policyId, version, body, headers, request);
    }

    private ObjectNode change(PolicyRequestType type, String policyId, String version, InputStream body,
                              HttpHeaders headers, ContainerRequestContext request) {
        String reason = AccessRequests.Reason.fromJson(reader.readOptional(body, headers)).reason();
        String tenant = RequestHeaders.tenantId(headers);
        find(tenant, policyId, version);
        return chain(tenant, headers, request, new PolicyRequest(type, policyId, version, null, false, reason));
    }

    /** The version, or 404 {@code POLICY_NOT_FOUND}, the same for a name that is malformed, unknown, or another tenant's. */
    private PolicyVersion find(String tenant, String policyId, String version) {
        if (!PolicyReference.ID.matcher(policyId).matches() || !PolicyReference.VERSION.matcher(version).matches()) {
            throw Refusals.of(RefusalCode.POLICY_NOT_FOUND);
        }
        return library.version(tenant, policyId, version).orElseThrow(() -> Refusals.of(RefusalCode.POLICY_NOT_FOUND));
    }

    /** Chains the request and answers with its entry's payload (the document left out) and seq. */
    private ObjectNode chain(String tenant, HttpHeaders headers, ContainerRequestContext request, PolicyRequest body) {
        ObjectNode payload = changes.chain(tenant, headers, request, body, "GET /v1/policies");
        payload.remove("document");
        payload.remove("kind");
        return payload;
    }

    private static ObjectNode view(PolicyVersion v) {
        return JSON.objectNode().put("policy_id", v.getPolicyId()).put("version", v.getVersion())
                .put("policy_hash", v.getPolicyHash()).put("status", v.getStatus().name())
                .put("publication_seq", v.getPublicationSeq())
                .put("published_at", AccessRequests.time(v.getPublishedAt()))
                .put("changed_at", AccessRequests.time(v.getChangedAt()));
    }
}
