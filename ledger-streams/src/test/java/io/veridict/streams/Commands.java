package io.veridict.streams;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test commands. */
final class Commands {

    private Commands() {
    }

    static LedgerCommand decision(String tenant, String idempotencyKey) {
        return decision(tenant, idempotencyKey, null, "\"approve\"");
    }

    static LedgerCommand decision(String tenant, String idempotencyKey, String decisionId, String decisionJson) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(idempotencyKey)
                .setCorrelationId("corr-" + idempotencyKey)
                .setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-1").build())
                .setReceivedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setBody(RecordDecision.newBuilder()
                        .setDecisionId(decisionId)
                        .setContextJson("{\"amount\":10}")
                        .setDecisionJson(decisionJson)
                        .setViolations(List.of())
                        .setEvidence(List.of())
                        .build())
                .build();
    }

    static LedgerCommand tenant(String tenant, String idempotencyKey, TenantOperationType operation) {
        return envelope(tenant, idempotencyKey, new TenantOperation(operation, "Tenant " + tenant, null));
    }

    static LedgerCommand key(String tenant, String idempotencyKey, KeyOperationType operation, String keyId,
                             byte[] secretHmac, Long overlapMs) {
        return envelope(tenant, idempotencyKey, new KeyOperation(operation, keyId, List.of("decisions:record"), null,
                null, secretHmac == null ? null : ByteBuffer.wrap(secretHmac), overlapMs,
                operation == KeyOperationType.CREATED ? "alice" : null));
    }

    private static LedgerCommand envelope(String tenant, String idempotencyKey, Object body) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(idempotencyKey)
                .setCorrelationId("corr-" + idempotencyKey)
                .setActor(Actor.newBuilder().setKind(ActorKind.OPERATOR).setKeyId(null).build())
                .setReceivedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setBody(body)
                .build();
    }

    /** A group of decisions, one per idempotency key; a key written {@code key=id} also sets the decision id. */
    static LedgerCommand group(String tenant, boolean atomic, String... keys) {
        List<GroupItem> items = new java.util.ArrayList<>();
        for (String spec : keys) {
            String[] parts = spec.split("=", 2);
            LedgerCommand single = decision(tenant, parts[0], parts.length > 1 ? parts[1] : null, "\"approve\"");
            items.add(GroupItem.newBuilder().setCommandId(single.getCommandId()).setIdempotencyKey(single.getIdempotencyKey())
                    .setCorrelationId(single.getCorrelationId()).setActor(single.getActor())
                    .setReceivedAt(single.getReceivedAt()).setDecision((RecordDecision) single.getBody()).build());
        }
        return envelope(tenant, "group-" + UUID.randomUUID(), new DecisionGroup(atomic, items));
    }

    /** A retry of {@code original}: the same group under new command ids (each attempt is a new command). */
    static LedgerCommand retryOf(LedgerCommand original) {
        DecisionGroup group = (DecisionGroup) original.getBody();
        List<GroupItem> items = group.getItems().stream().map(i -> GroupItem.newBuilder()
                .setCommandId(UUID.randomUUID().toString()).setIdempotencyKey(i.getIdempotencyKey())
                .setCorrelationId(i.getCorrelationId()).setActor(i.getActor()).setReceivedAt(i.getReceivedAt())
                .setDecision(i.getDecision()).build()).toList();
        return envelope(original.getTenantId(), original.getIdempotencyKey(), new DecisionGroup(group.getAtomic(), items));
    }
}
