package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.AccessRequests;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.AccessAdmin;
import io.veridict.api.auth.AccessView;
import io.veridict.api.auth.ActsOn;
import io.veridict.api.auth.KeyCeiling;
import io.veridict.api.auth.Principal;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.CorrelationId;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.KeySecret;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant's API keys. A key's text is in the answer only when it is created or rotated;
 * afterwards only its id and HMAC exist. A {@code keys:manage} key creates, lists, rotates and
 * revokes only keys whose scopes it holds itself ({@link KeyCeiling}); rotation and revocation
 * are checked against their target key by {@link ActsOn} before they run.
 */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class KeyResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AccessAdmin admin;
    private final AccessView view;
    private final StrictJsonReader reader;
    private final Duration defaultOverlap;
    private final Duration maxOverlap;
    private final Clock clock;

    public KeyResource(AccessAdmin admin, AccessView view, StrictJsonReader reader, Duration defaultOverlap,
                       Duration maxOverlap, Clock clock) {
        this.admin = admin;
        this.view = view;
        this.reader = reader;
        this.defaultOverlap = defaultOverlap;
        this.maxOverlap = maxOverlap;
        this.clock = clock;
    }

    @POST
    @RequiresScope(value = Scope.KEYS_MANAGE, operator = true)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Principal principal = Principal.of(request);
        String tenant = tenantOf(principal, headers);
        AccessRequests.NewKey key = AccessRequests.NewKey.fromJson(reader.read(body, headers), clock.instant());
        if (!KeyCeiling.covers(principal, key.scopes().stream().map(Scope::wireName).toList())) {
            throw new ApiException(ErrorCode.SCOPE_ESCALATION, "a key can only be given scopes its creator holds");
        }
        AccessAdmin.IssuedKey issued = admin.createKey(tenant, key.scopes(), key.expiresAt(), holderOf(key, principal),
                RequestHeaders.adminIdempotencyKey(headers), principal, CorrelationId.current(request));
        return Response.status(issued.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/keys/" + issued.key().getKeyId()))
                .entity(keyNode(issued.key(), issued.text())).build();
    }

    @GET
    @RequiresScope(value = Scope.KEYS_MANAGE, operator = true)
    public ObjectNode list(@Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Principal principal = Principal.of(request);
        String tenant = tenantOf(principal, headers);
        ObjectNode answer = JSON.objectNode();
        ArrayNode keys = answer.putArray("keys");
        view.keysOf(tenant).stream().filter(k -> KeyCeiling.covers(principal, k.getScopes()))
                .sorted(Comparator.comparing(ApiKeyState::getCreatedSeq))
                .forEach(k -> keys.add(keyNode(k, null)));
        return answer;
    }

    @POST
    @Path("{key_id}/rotate")
    @RequiresScope(value = Scope.KEYS_MANAGE, operator = true)
    @ActsOn(ActsOn.Kind.KEY)
    public ObjectNode rotate(@PathParam("key_id") String keyId, InputStream body, @Context HttpHeaders headers,
                             @Context ContainerRequestContext request) {
        Principal principal = Principal.of(request);
        String tenant = tenantOf(principal, headers);
        AccessRequests.Rotation rotation = AccessRequests.Rotation.fromJson(reader.readOptional(body, headers),
                defaultOverlap, maxOverlap);
        AccessAdmin.IssuedKey issued = admin.rotateKey(tenant, keyId, rotation.overlap(),
                RequestHeaders.adminIdempotencyKey(headers), principal, CorrelationId.current(request));
        return keyNode(issued.key(), issued.text());
    }

    /** Revokes a key. Answers once this instance refuses the key. */
    @POST
    @Path("{key_id}/revoke")
    @RequiresScope(value = Scope.KEYS_MANAGE, operator = true)
    @ActsOn(ActsOn.Kind.KEY)
    public ObjectNode revoke(@PathParam("key_id") String keyId, InputStream body, @Context HttpHeaders headers,
                             @Context ContainerRequestContext request) {
        Principal principal = Principal.of(request);
        String tenant = tenantOf(principal, headers);
        AccessRequests.Reason reason = AccessRequests.Reason.fromJson(reader.readOptional(body, headers));
        return keyNode(admin.revokeKey(tenant, keyId, reason.reason(), RequestHeaders.adminIdempotencyKey(headers),
                principal, CorrelationId.current(request)), null);
    }

    /**
     * Who a new key is issued to: the caller's own holder, unless the request names another, which
     * only the operator and a key with {@code tenant:admin} may do. A key made before holders
     * existed is its own holder.
     */
    private String holderOf(AccessRequests.NewKey key, Principal principal) {
        String own = principal.isOperator() ? null : view.key(principal.keyId())
                .map(k -> k.getHolder() != null ? k.getHolder() : k.getKeyId()).orElse(principal.keyId());
        if (key.holderOrNull() == null) {
            return own != null ? own : AccessRequests.NewTenant.DEFAULT_ADMIN_HOLDER;
        }
        if (!key.holderOrNull().equals(own) && !principal.isOperator() && !principal.scopes().contains(Scope.TENANT_ADMIN)) {
            throw new ApiException(ErrorCode.HOLDER_NOT_ALLOWED,
                    "only a key with tenant:admin may issue a key to another holder than its own");
        }
        return key.holderOrNull();
    }

    /** A key as answers show it; {@code text} (the key itself) only when just created or rotated. */
    static ObjectNode keyNode(ApiKeyState key, String text) {
        ObjectNode node = JSON.objectNode();
        node.put("key_id", key.getKeyId());
        node.put("tenant_id", key.getTenantId());
        if (text != null) {
            node.put("key", text);
        }
        node.put("status", key.getStatus().name().toLowerCase(Locale.ROOT));
        ArrayNode scopes = node.putArray("scopes");
        key.getScopes().forEach(scopes::add);
        node.put("expires_at", AccessRequests.time(key.getExpiresAt()));
        node.put("created_at", AccessRequests.time(key.getCreatedAt()));
        node.put("updated_at", AccessRequests.time(key.getUpdatedAt()));
        key.getSecrets().stream().map(KeySecret::getValidUntil).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(until -> node.put("previous_secret_valid_until", AccessRequests.time(until)));
        node.put("holder", key.getHolder() != null ? key.getHolder() : key.getKeyId());
        return node;
    }

    /** The tenant a request acts on: the key's own, or for the operator the one the header names. */
    private static String tenantOf(Principal principal, HttpHeaders headers) {
        return principal.isOperator() ? RequestHeaders.tenantId(headers) : principal.tenantId();
    }
}
