package io.veridict.api.checkpoint;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.CommittedTrees;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.streams.chain.CheckpointKeys;
import java.time.Clock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.veridict.api.resources.OwnerRead;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * {@code GET /v1/audit/checkpoint} (docs/checkpoints.md): the tenant's current head signed as a
 * C2SP {@code tlog-checkpoint} note. {@link CheckpointKeysResource} publishes the verifier key.
 */
@Path("/v1/audit/checkpoint")
@OwnerRead
public final class CheckpointResource {

    /** The media type of a signed note. */
    public static final String NOTE = "text/plain; charset=utf-8";

    private final LedgerQueries ledger;
    private final CommittedTrees committed;
    private final CheckpointKeys keys;
    private final Clock clock;

    /**
     * @param committed how much of a tenant's tree is committed: only that is signed
     */
    public CheckpointResource(LedgerQueries ledger, CommittedTrees committed, CheckpointKeys keys, Clock clock) {
        this.ledger = ledger;
        this.committed = committed;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The tenant's current tree (its committed part: {@link CommittedTrees}), or with {@code size}
     * its tree at that size, signed now.
     */
    @GET
    @Produces(NOTE)
    @RequiresScope(Scope.AUDIT_READ)
    public String checkpoint(@Context HttpHeaders headers, @QueryParam("size") String sizeParam) {
        requireKeys(keys);
        String tenant = RequestHeaders.tenantId(headers);
        long signable = committed.size(tenant);
        if (sizeParam == null) {
            return keys.sign(tenant, signable, ledger.root(tenant, signable), clock.instant());
        }
        long size = ProofResource.Params.size("size", sizeParam, signable);
        return keys.sign(tenant, size, ledger.root(tenant, size), clock.instant());
    }

    /** 503 {@code CHECKPOINT_SIGNING_OFF} without keys. */
    static void requireKeys(CheckpointKeys keys) {
        if (!keys.any()) {
            throw new ApiException(ErrorCode.CHECKPOINT_SIGNING_OFF,
                    "this service signs no checkpoints: no checkpoints.signingKey is configured");
        }
    }
}
