package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.AccessRequests;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.AccessAdmin;
import io.veridict.api.auth.AccessView;
import io.veridict.api.auth.ActsOn;
import io.veridict.api.auth.OperatorOnly;
import io.veridict.api.auth.Principal;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.CorrelationId;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.schemas.avro.TenantOperationType;
import io.veridict.schemas.avro.TenantState;
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
import java.net.URI;
import java.util.Locale;

/**
 * Tenants: created, suspended and reactivated by an operator; read by the operator or by the
 * tenant's own {@code tenant:admin} keys. Each change is an entry in the tenant's ledger.
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public final class TenantResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AccessAdmin admin;
    private final AccessView view;
    private final StrictJsonReader reader;

    public TenantResource(AccessAdmin admin, AccessView view, StrictJsonReader reader) {
        this.admin = admin;
        this.view = view;
        this.reader = reader;
    }

    /** Creates a tenant and answers it with its first key, holding every scope, shown only here. */
    @POST
    @OperatorOnly
    public Response create(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        AccessRequests.NewTenant tenant = AccessRequests.NewTenant.fromJson(reader.read(body, headers));
        AccessAdmin.CreatedTenant created = admin.createTenant(tenant.tenantId(), tenant.displayName(), tenant.adminHolder(),
                RequestHeaders.adminIdempotencyKey(headers), Principal.of(request), CorrelationId.current(request));
        ObjectNode answer = tenantNode(created.tenant());
        answer.set("admin_key", KeyResource.keyNode(created.adminKey(), created.adminKeyText()));
        return Response.status(created.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/tenants/" + tenant.tenantId())).entity(answer).build();
    }

    @GET
    @Path("{tenant_id}")
    @RequiresScope(value = Scope.TENANT_ADMIN, operator = true)
    @ActsOn(ActsOn.Kind.TENANT)
    public ObjectNode get(@PathParam("tenant_id") String tenantId) {
        return view.tenant(tenantId).map(TenantResource::tenantNode).orElseThrow(TenantResource::notFound);
    }

    @POST
    @Path("{tenant_id}/suspend")
    @OperatorOnly
    public ObjectNode suspend(@PathParam("tenant_id") String tenantId, InputStream body, @Context HttpHeaders headers,
                              @Context ContainerRequestContext request) {
        return change(tenantId, TenantOperationType.SUSPENDED, body, headers, request);
    }

    @POST
    @Path("{tenant_id}/reactivate")
    @OperatorOnly
    public ObjectNode reactivate(@PathParam("tenant_id") String tenantId, InputStream body, @Context HttpHeaders headers,
                                 @Context ContainerRequestContext request) {
        return change(tenantId, TenantOperationType.REACTIVATED, body, headers, request);
    }

    private ObjectNode change(String tenantId, TenantOperationType operation, InputStream body, HttpHeaders headers,
                              ContainerRequestContext request) {
        RequestHeaders.tenantId(java.util.List.of(tenantId));
        AccessRequests.Reason reason = AccessRequests.Reason.fromJson(reader.readOptional(body, headers));
        return tenantNode(admin.setTenantStatus(tenantId, operation, reason.reason(),
                RequestHeaders.adminIdempotencyKey(headers), Principal.of(request), CorrelationId.current(request)));
    }

    static ObjectNode tenantNode(TenantState tenant) {
        ObjectNode node = JSON.objectNode();
        node.put("tenant_id", tenant.getTenantId());
        node.put("display_name", tenant.getDisplayName());
        node.put("status", tenant.getStatus().name().toLowerCase(Locale.ROOT));
        node.put("created_at", AccessRequests.time(tenant.getCreatedAt()));
        node.put("updated_at", AccessRequests.time(tenant.getUpdatedAt()));
        node.put("seq", tenant.getSeq());
        return node;
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "no tenant with this id");
    }
}
