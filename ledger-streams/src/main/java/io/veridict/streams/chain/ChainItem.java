package io.veridict.streams.chain;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing to chain: a single command, or one item of a {@link DecisionGroup}. Each has its own
 * id (what its outcome names), idempotency key, correlation id, actor and time.
 *
 * @param body a {@code RecordDecision}, {@code KeyOperation} or {@code TenantOperation}
 */
record ChainItem(String tenantId, String commandId, String idempotencyKey, String correlationId, Actor actor,
                 Instant receivedAt, Object body) {

    /** The items of {@code command}, in chaining order. */
    static List<ChainItem> of(LedgerCommand command) {
        if (!(command.getBody() instanceof DecisionGroup group)) {
            return List.of(new ChainItem(command.getTenantId(), command.getCommandId(), command.getIdempotencyKey(),
                    command.getCorrelationId(), command.getActor(), command.getReceivedAt(), command.getBody()));
        }
        List<ChainItem> items = new ArrayList<>(group.getItems().size());
        for (GroupItem item : group.getItems()) {
            items.add(new ChainItem(command.getTenantId(), item.getCommandId(), item.getIdempotencyKey(),
                    item.getCorrelationId(), item.getActor(), item.getReceivedAt(), item.getDecision()));
        }
        return items;
    }

    /** The decision id this item records under (its own, or its command id), or null if not a decision. */
    String decisionId() {
        if (body instanceof RecordDecision decision) {
            return decision.getDecisionId() != null ? decision.getDecisionId() : commandId;
        }
        return null;
    }
}
