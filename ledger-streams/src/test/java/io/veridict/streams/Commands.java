package io.veridict.streams;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
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
                null, secretHmac == null ? null : ByteBuffer.wrap(secretHmac), overlapMs));
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
}
