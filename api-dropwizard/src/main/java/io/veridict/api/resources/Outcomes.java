package io.veridict.api.resources;

import io.veridict.api.api.DecisionBatch;
import io.veridict.api.api.ReceiptView;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblem;
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

    /**
     * The answer to an atomic batch: 409 {@code BATCH_REFUSED} when any item was refused (nothing
     * was recorded; {@code details} names each refused item and why); else 202 if any item is
     * pending, 201 if the items were chained, 200 if the batch was a retry; every item says what
     * became of it.
     */
    static Response batch(String tenant, List<String> keys, List<Optional<CommandOutcome>> outcomes) {
        refuseIfAnyConflict(outcomes);
        List<Object> items = new ArrayList<>(outcomes.size());
        boolean pending = false;
        boolean chained = false;
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<CommandOutcome> outcome = outcomes.get(i);
            if (outcome.isEmpty()) {
                pending = true;
                items.add(pending(tenant, keys.get(i)));
            } else {
                boolean isNew = outcome.get().getStatus() == OutcomeStatus.CHAINED;
                chained |= isNew;
                items.add(ReceiptView.of(isNew ? ReceiptView.CHAINED : ReceiptView.DUPLICATE, outcome.get().getReceipt()));
            }
        }
        int status = pending ? 202 : chained ? 201 : 200;
        return Response.status(status).entity(Map.of("receipts", items)).build();
    }

    private static void refuseIfAnyConflict(List<Optional<CommandOutcome>> outcomes) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean refused = false;
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<CommandOutcome> outcome = outcomes.get(i);
            if (outcome.isPresent() && outcome.get().getStatus() == OutcomeStatus.CONFLICT) {
                refused = true;
                String reason = outcome.get().getReason();
                if (!ChainProcessor.GROUP_REFUSED.equals(reason)) {
                    problems.add(FieldProblem.of(FieldPath.index(DecisionBatch.DECISIONS, i), problemOf(reason)));
                }
            }
        }
        if (refused) {
            throw new ApiException(ErrorCode.BATCH_REFUSED, "no decision of the batch was recorded: "
                    + problems.size() + (problems.size() == 1 ? " decision was" : " decisions were") + " refused", problems);
        }
    }

    private static String problemOf(String reason) {
        if (ChainProcessor.DECISION_ID_TAKEN.equals(reason)) {
            return "DECISION_ID_TAKEN: the tenant already recorded a decision with this decision_id";
        }
        if (ChainProcessor.UNKNOWN_RETENTION_LABEL.equals(reason)) {
            return "UNKNOWN_RETENTION_LABEL: no rule of the tenant's retention policy names this retention_label";
        }
        if (ChainProcessor.GROUP_PARTLY_CHAINED.equals(reason)) {
            return "ALREADY_RECORDED: this item's idempotency key was recorded before, the rest of the batch was not";
        }
        return "IDEMPOTENCY_KEY_REUSED: this item's idempotency key was already used with a different request";
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
        if (ChainProcessor.UNKNOWN_RETENTION_LABEL.equals(outcome.getReason())) {
            return new ApiException(ErrorCode.UNKNOWN_RETENTION_LABEL,
                    "no rule of the tenant's retention policy names this retention_label");
        }
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was already used with a different request");
    }
}
