package io.veridict.api.auth;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Binds each resource method's guard to a request filter, and its target guard ({@link ActsOn})
 * to a {@link TargetFilter} that runs after authentication. A Veridict resource method without
 * exactly one guard, or whose path names a key or tenant without the matching {@code @ActsOn},
 * stops the service from starting: an endpoint can be public, or blind to its target, only on purpose.
 *
 * <p>The filters answer a refusal themselves ({@link ErrorResponses#abortWith}): the same answer
 * and log line as the exception would get from the exception mappers, at less cost.
 */
public final class AuthFeature implements DynamicFeature {

    private static final String OWN_PACKAGE = "io.veridict.";
    private static final String TENANT_HEADER = RequestHeaders.TENANT_ID;

    private final Authenticator authenticator;
    private final AccessView view;

    public AuthFeature(Authenticator authenticator, AccessView view) {
        this.authenticator = authenticator;
        this.view = view;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || !resource.getResourceClass().getName().startsWith(OWN_PACKAGE)) {
            return;
        }
        Annotation guard = Guards.require(method);
        if (guard instanceof RequiresScope scope) {
            context.register(new ScopeFilter(authenticator, scope.value(), scope.operator()));
        } else if (guard instanceof OperatorOnly) {
            context.register(new OperatorFilter(authenticator));
        }
        ActsOn.Kind target = Guards.requireTarget(resource.getResourceClass(), method);
        if (target != null) {
            context.register(new TargetFilter(view, target));
        }
    }

    /** Authenticates an API key of the named tenant holding one scope (or, if allowed, the operator). */
    @Priority(RequestAttributes.AUTHENTICATION_PRIORITY)
    static final class ScopeFilter implements ContainerRequestFilter {
        private final Authenticator authenticator;
        private final Scope scope;
        private final boolean operatorAllowed;

        ScopeFilter(Authenticator authenticator, Scope scope, boolean operatorAllowed) {
            this.authenticator = authenticator;
            this.scope = scope;
            this.operatorAllowed = operatorAllowed;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            try {
                authenticate(request);
            } catch (ApiException refused) {
                ErrorResponses.abortWith(request, refused);
            }
        }

        private void authenticate(ContainerRequestContext request) {
            var authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
            if (operatorAllowed && Authenticator.presentsOperatorToken(authorization)) {
                request.setProperty(RequestAttributes.PRINCIPAL, authenticator.operator(authorization));
                return;
            }
            Principal principal = authenticator.tenantKey(authorization, request.getHeaders().get(TENANT_HEADER));
            if (!principal.scopes().contains(scope)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this key lacks the scope " + scope.wireName());
            }
            request.setProperty(RequestAttributes.PRINCIPAL, principal);
            request.setProperty(RequestAttributes.TENANT, principal.tenantId());
        }
    }

    /** Authenticates the operator. */
    @Priority(RequestAttributes.AUTHENTICATION_PRIORITY)
    static final class OperatorFilter implements ContainerRequestFilter {
        private final Authenticator authenticator;

        OperatorFilter(Authenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            try {
                request.setProperty(RequestAttributes.PRINCIPAL,
                        authenticator.operator(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
            } catch (ApiException refused) {
                ErrorResponses.abortWith(request, refused);
            }
        }
    }
}
