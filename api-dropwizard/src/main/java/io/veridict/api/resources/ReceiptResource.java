package io.veridict.api.resources;

import io.veridict.api.api.ReceiptView;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.streams.chain.LedgerRow;
import io.veridict.streams.chain.Receipts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The receipt of a request by its idempotency key, where a 202 answer points. Keys of
 * other tenants answer exactly as keys that do not exist.
 */
@Path("/v1/receipts")
@Produces(MediaType.APPLICATION_JSON)
@OwnerRead
public final class ReceiptResource {

    private final LedgerQueries ledger;

    public ReceiptResource(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("{idempotency_key}")
    @RequiresScope(Scope.DECISIONS_READ)
    public ReceiptView receipt(@Context HttpHeaders headers, @PathParam("idempotency_key") String idempotencyKey) {
        String tenant = RequestHeaders.tenantId(headers);
        LedgerRow entry = ledger.seqOfIdempotencyKey(tenant, idempotencyKey).flatMap(seq -> ledger.entry(tenant, seq))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "nothing has been chained under this Idempotency-Key (yet)"));
        return ReceiptView.of(ReceiptView.CHAINED, Receipts.receipt(entry.header(), entry.decisionIdOrNull()));
    }
}
