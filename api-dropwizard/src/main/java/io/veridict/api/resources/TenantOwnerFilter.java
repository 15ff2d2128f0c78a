package io.veridict.api.resources;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.core.LedgerQueries;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a read to the instance that holds the tenant's ledger: when Streams metadata names
 * another instance as the owner of the tenant's partition, the request is answered with
 * 307 to the same path and query there (clients keep the method, body and headers).
 * Bound to resource methods annotated {@link OwnerRead}.
 */
@OwnerRead
@Priority(Priorities.USER)
public final class TenantOwnerFilter implements ContainerRequestFilter {

    private final LedgerQueries ledger;
    private final HostInfo self;
    private final String scheme;

    public TenantOwnerFilter(LedgerQueries ledger, HostInfo self, String scheme) {
        this.ledger = ledger;
        this.self = self;
        this.scheme = scheme;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        owner(request).ifPresent(target -> request.abortWith(Response.temporaryRedirect(target).build()));
    }

    /** The same request at the instance that owns the request's tenant, or empty when that is this one (or unknown). */
    public Optional<URI> owner(ContainerRequestContext request) {
        String tenant = RequestHeaders.tenantId(request.getHeaders().get(RequestHeaders.TENANT_ID));
        Optional<HostInfo> owner = ledger.ownerOf(tenant);
        if (owner.isEmpty() || owner.get().equals(self)) {
            return Optional.empty();
        }
        return Optional.of(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .scheme(scheme).host(owner.get().host()).port(owner.get().port()).build());
    }
}
