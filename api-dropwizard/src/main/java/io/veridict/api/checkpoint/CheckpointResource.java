package io.veridict.api.checkpoint;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.schemas.format.ChainHead;
import io.veridict.streams.chain.CheckpointSchedule;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.veridict.api.resources.OwnerRead;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Optional;

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
    private final Optional<NoteSigner> signer;

    public CheckpointResource(LedgerQueries ledger, Optional<NoteSigner> signer) {
        this.ledger = ledger;
        this.signer = signer;
    }

    /**
     * The tenant's current head (size, Merkle root), or with {@code size} its tree at that size,
     * signed now.
     */
    @GET
    @Produces(NOTE)
    @RequiresScope(Scope.AUDIT_READ)
    public String checkpoint(@Context HttpHeaders headers, @QueryParam("size") String sizeParam) {
        NoteSigner key = key(signer);
        String tenant = RequestHeaders.tenantId(headers);
        ChainHead head = ledger.head(tenant).orElse(ChainHead.genesis(tenant));
        if (sizeParam == null) {
            return sign(key, tenant, head.size(), head.merkleRoot().orElseThrow());
        }
        long size = ProofResource.Params.size("size", sizeParam, head.size());
        return sign(key, tenant, size, ledger.root(tenant, size));
    }

    /** The signer, or 503 {@code CHECKPOINT_SIGNING_OFF}. */
    static NoteSigner key(Optional<NoteSigner> signer) {
        return signer.orElseThrow(() -> new ApiException(ErrorCode.CHECKPOINT_SIGNING_OFF,
                "this service signs no checkpoints: no checkpoints.signingKey is configured"));
    }

    /** The signed checkpoint note of {@code tenant}'s tree of {@code size} leaves with root {@code root}. */
    static String sign(NoteSigner key, String tenant, long size, byte[] root) {
        return CheckpointSchedule.sign(key, tenant, size, root);
    }
}
