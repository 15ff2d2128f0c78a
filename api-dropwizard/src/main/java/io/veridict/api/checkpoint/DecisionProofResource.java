package io.veridict.api.checkpoint;

import io.veridict.verifier.AvroHeaders;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.CommittedTrees;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.core.LedgerUnavailableException;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.resources.OwnerRead;
import io.veridict.streams.chain.CheckpointKeys;
import java.time.Clock;
import io.veridict.verifier.ProofBundle;
import io.veridict.streams.chain.LedgerRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v1/decisions/{decision_id}/proof}: the decision's proof bundle (docs/checkpoints.md,
 * "Proof bundles"), proved against the committed part of the tenant's tree, signed now. {@code veridict verify --proof}
 * checks it offline.
 */
@Path("/v1/decisions/{decision_id}/proof")
@OwnerRead
public final class DecisionProofResource {

    private final LedgerQueries ledger;
    private final CommittedTrees committed;
    private final CheckpointKeys keys;
    private final Clock clock;

    public DecisionProofResource(LedgerQueries ledger, CommittedTrees committed, CheckpointKeys keys, Clock clock) {
        this.ledger = ledger;
        this.committed = committed;
        this.keys = keys;
        this.clock = clock;
    }

    /** Another tenant's decision ids answer as unknown ones. */
    @GET
    @Produces(ProofBundle.MEDIA_TYPE)
    @RequiresScope(Scope.DECISIONS_READ)
    public Response proof(@Context HttpHeaders headers, @PathParam("decision_id") String decisionId) {
        CheckpointResource.requireKeys(keys);
        String tenant = RequestHeaders.tenantId(headers);
        LedgerRow row = ledger.decisionSeq(tenant, decisionId).flatMap(seq -> ledger.entry(tenant, seq))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no decision with this decision_id"));
        long seq = row.header().getSeq();
        long size = committed.size(tenant);
        if (seq >= size) {
            throw new LedgerUnavailableException("the decision's entry is not committed yet; retry shortly", null);
        }
        String checkpoint = keys.sign(tenant, size, ledger.root(tenant, size), clock.instant());
        ProofBundle bundle = ProofBundle.of(AvroHeaders.fromAvro(row.header()), row.payloadBytesOrNull(), row.payloadSaltOrNull(),
                ledger.inclusionProof(tenant, seq, size), checkpoint);
        return Response.ok(bundle.text(), ProofBundle.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + tenant + "-" + seq + ".tlog-proof\"")
                .build();
    }
}
