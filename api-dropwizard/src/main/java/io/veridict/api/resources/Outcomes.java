package io.veridict.api.resources;

import io.veridict.streams.RefusalCode;
import io.veridict.api.api.DecisionBatch;
import io.veridict.api.api.ReceiptView;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.Refusals;
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
                if (!RefusalCode.GROUP_REFUSED.is(reason)) {
                    problems.add(FieldProblem.of(FieldPath.index(DecisionBatch.DECISIONS, i), problemOf(reason)));
                }
            }
        }
        if (refused) {
            throw new ApiException(ErrorCode.BATCH_REFUSED, "no decision of the batch was recorded: "
                    + problems.size() + (problems.size() == 1 ? " decision was" : " decisions were") + " refused", problems);
        }
    }

    /** A refused item's problem: its code and what it means; an item chained before shows as already recorded. */
    private static String problemOf(String reason) {
        RefusalCode code = RefusalCode.of(reason).orElse(RefusalCode.IDEMPOTENCY_KEY_REUSED);
        String shown = code == RefusalCode.GROUP_PARTLY_CHAINED ? "ALREADY_RECORDED" : code.name();
        return shown + ": " + code.meaning();
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
        return Refusals.of(outcome.getReason());
    }
}
