package io.veridict.api.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.DecisionRequest;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.json.JsonLimits;
import io.veridict.api.json.StrictJsonReader;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/** A test-only resource that reads bodies the way production resources do, and fails on demand. */
@Path("/test")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeTestResource {

    /** Small limits, so tests can exceed them cheaply. */
    static final JsonLimits LIMITS = new JsonLimits(4096, 8, 50, 1024);

    private final StrictJsonReader reader = new StrictJsonReader(LIMITS);

    @POST
    @Path("/echo")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> echo(InputStream body, @Context HttpHeaders headers) {
        ObjectNode json = reader.read(body, headers);
        return Map.of("members", json.size());
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> record(InputStream body, @Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        String key = RequestHeaders.idempotencyKey(headers);
        DecisionRequest request = DecisionRequest.fromJson(reader.read(body, headers));
        return Map.of("tenant", tenant, "idempotency_key", key);
    }

    @POST
    @Path("/optional")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> optional(InputStream body, @Context HttpHeaders headers) {
        return Map.of("members", reader.readOptional(body, headers).size());
    }

    @POST
    @Path("/created")
    public Response created() {
        return Response.created(java.net.URI.create("/test/things/1")).build();
    }

    @POST
    @Path("/json-only")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> jsonOnly(Map<String, Object> body) {
        return Map.of("members", body.size());
    }

    @GET
    @Path("/ok")
    public Map<String, Object> ok() {
        return Map.of("ok", true);
    }

    @GET
    @Path("/boom")
    public Map<String, Object> boom() {
        throw new RuntimeException("jdbc:postgresql://db.internal:5432/ledger password=hunter2");
    }

    @GET
    @Path("/illegal-state")
    public Map<String, Object> illegalState() {
        throw new IllegalStateException("secret internal state");
    }

    @GET
    @Path("/conflict")
    public Map<String, Object> conflict() {
        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "the idempotency key was used for another body");
    }

    @GET
    @Path("/unavailable")
    public Map<String, Object> unavailable() {
        throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the ledger is not ready").withHeader("Retry-After", "5");
    }

    /** An error response built without an exception, as an aborting filter would build it. */
    @GET
    @Path("/empty-error")
    public Response emptyError(@QueryParam("status") int status) {
        return Response.status(status).header("Retry-After", "3").build();
    }

    @GET
    @Path("/validated")
    public Map<String, Object> validated(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return Map.of("limit", limit);
    }
}
