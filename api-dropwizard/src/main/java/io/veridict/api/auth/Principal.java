package io.veridict.api.auth;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;

/**
 * Who a request was authenticated as: an API key of one tenant with its scopes, or the operator.
 *
 * @param kind     API key, operator or the service itself
 * @param tenantId the key's tenant; null for the operator
 * @param keyId    the key's public id; null for the operator
 */
public record Principal(ActorKind kind, String tenantId, String keyId, Set<Scope> scopes) {

    /** The operator: tenant administration, no tenant of its own. */
    public static final Principal OPERATOR = new Principal(ActorKind.OPERATOR, null, null, Set.of());
    /** The service itself (e.g. recording key expiries). */
    public static final Principal SYSTEM = new Principal(ActorKind.SYSTEM, null, null, Set.of());

    /** An API key of {@code tenantId}. */
    public static Principal apiKey(String tenantId, String keyId, Set<Scope> scopes) {
        return new Principal(ActorKind.API_KEY, tenantId, keyId, Set.copyOf(scopes));
    }

    public boolean isOperator() {
        return kind == ActorKind.OPERATOR;
    }

    /** The actor recorded in the commands this principal issues. */
    public Actor actor() {
        return Actor.newBuilder().setKind(kind).setKeyId(keyId).build();
    }

    /** The principal authentication attached to {@code request}. */
    public static Principal of(ContainerRequestContext request) {
        Object principal = request.getProperty(RequestAttributes.PRINCIPAL);
        if (!(principal instanceof Principal p)) {
            throw new IllegalStateException("no authenticated principal on a guarded request");
        }
        return p;
    }
}
