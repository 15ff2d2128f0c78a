package io.veridict.api.resources;

import io.veridict.api.api.ReceiptView;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.streams.chain.ChainProcessor;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns command outcomes into HTTP answers. */
final class Outcomes {

    private Outcomes() {
    }

    /** 201 chained, 200 duplicate, 202 pending, 409 conflict. */
    static Response single(String tenant, String idempotencyKey, Optional<CommandOutcome> outcome) {
        if (outcome.isEmpty()) {
            URI receipt = receiptUri(idempotencyKey);
            return Response.accepted(pending(tenant, idempotencyKey)).location(receipt).build();
        }
        CommandOutcome o = outcome.get();
        if (o.getStatus() == OutcomeStatus.CHAINED) {
            return Response.status(Response.Status.CREATED).entity(ReceiptView.of(ReceiptView.CHAINED, o.getReceipt()))
                    .location(URI.create("/v1/audit/entries/" + o.getReceipt().getSeq())).build();
        }
        if (o.getStatus() == OutcomeStatus.DUPLICATE) {
            return Response.ok(ReceiptView.of(ReceiptView.DUPLICATE, o.getReceipt())).build();
        }
        throw conflict(o);
    }

    /** 202 if any item is pending, else 201 if any item was chained, else 200; every item says what became of it. */
    static Response batch(String tenant, List<String> keys, List<Optional<CommandOutcome>> outcomes) {
        List<Object> items = new ArrayList<>(outcomes.size());
        boolean pending = false;
        boolean chained = false;
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<CommandOutcome> outcome = outcomes.get(i);
            if (outcome.isEmpty()) {
                pending = true;
                items.add(pending(tenant, keys.get(i)));
            } else if (outcome.get().getStatus() == OutcomeStatus.CONFLICT) {
                ApiException conflict = conflict(outcome.get());
                items.add(Map.of("status", "conflict", "idempotency_key", keys.get(i), "code", conflict.code(),
                        "message", conflict.getMessage()));
            } else {
                boolean isNew = outcome.get().getStatus() == OutcomeStatus.CHAINED;
                chained |= isNew;
                items.add(ReceiptView.of(isNew ? ReceiptView.CHAINED : ReceiptView.DUPLICATE, outcome.get().getReceipt()));
            }
        }
        int status = pending ? 202 : chained ? 201 : 200;
        return Response.status(status).entity(Map.of("receipts", items)).build();
    }

    /** Where the receipt of {@code idempotencyKey} is read: a client key is one path segment as it is. */
    static URI receiptUri(String idempotencyKey) {
        return URI.create("/v1/receipts/" + idempotencyKey);
    }

    private static Map<String, Object> pending(String tenant, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("tenant_id", tenant);
        body.put("idempotency_key", idempotencyKey);
        body.put("receipt_url", receiptUri(idempotencyKey).toString());
        return body;
    }

    private static ApiException conflict(CommandOutcome outcome) {
        if (ChainProcessor.DECISION_ID_TAKEN.equals(outcome.getReason())) {
            return new ApiException(ErrorCode.DECISION_ID_TAKEN, "the tenant already recorded a decision with this decision_id");
        }
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was already used with a different request");
    }
}
