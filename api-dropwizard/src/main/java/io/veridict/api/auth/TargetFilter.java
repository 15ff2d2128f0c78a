package io.veridict.api.auth;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.ErrorResponses;
import io.veridict.schemas.avro.ApiKeyState;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Checks an authenticated caller against the key or tenant the request's path names
 * ({@link ActsOn}), before the resource method runs:
 *
 * <ul>
 *   <li>a key of another tenant, or a key id that is not well-formed, answers 404
 *       {@code NOT_FOUND} exactly like a key that does not exist;</li>
 *   <li>a key of the caller's tenant that holds a scope the caller lacks answers 403
 *       {@code SCOPE_ESCALATION} ({@link KeyCeiling});</li>
 *   <li>a tenant other than the caller's answers 404 {@code NOT_FOUND}; the operator may name any.</li>
 * </ul>
 */
@Priority(RequestAttributes.TARGET_PRIORITY)
final class TargetFilter implements ContainerRequestFilter {

    private final AccessView view;
    private final ActsOn.Kind kind;

    TargetFilter(AccessView view, ActsOn.Kind kind) {
        this.view = view;
        this.kind = kind;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            check(request);
        } catch (ApiException refused) {
            ErrorResponses.abortWith(request, refused);
        }
    }

    private void check(ContainerRequestContext request) {
        Principal caller = Principal.of(request);
        String target = request.getUriInfo().getPathParameters().getFirst(kind.pathParameter());
        if (kind == ActsOn.Kind.TENANT) {
            if (!caller.isOperator() && !caller.tenantId().equals(target)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no tenant with this id");
            }
            return;
        }
        String tenant = caller.isOperator()
                ? RequestHeaders.tenantId(request.getHeaders().get(RequestHeaders.TENANT_ID)) : caller.tenantId();
        ApiKeyState key = (target != null && TokenFormat.KEY_ID.matcher(target).matches()
                ? view.key(target).filter(k -> k.getTenantId().equals(tenant)) : java.util.Optional.<ApiKeyState>empty())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no key with this id"));
        if (!KeyCeiling.covers(caller, key.getScopes())) {
            throw new ApiException(ErrorCode.SCOPE_ESCALATION,
                    "this key holds scopes the caller lacks; only a key holding all of them, or the operator, may act on it");
        }
    }
}
