package io.veridict.schemas.serde;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.EvidenceRef;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.avro.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One filled-in instance of each record the serdes carry. Every field is set explicitly, also
 * those with defaults, so that building a sample never depends on Avro resolving defaults.
 */
final class LedgerSamples {

    static final Instant RECEIVED_AT = Instant.ofEpochMilli(1_767_225_600_123L);

    private LedgerSamples() {
    }

    static LedgerCommand decisionCommand() {
        RecordDecision decision = RecordDecision.newBuilder()
                .setDecisionId("dec-1")
                .setContextJson("{\"amount\":120,\"user\":\"u-7\"}")
                .setDecisionJson("\"deny\"")
                .setPolicy(PolicyRef.newBuilder().setId("credit-limit").setVersion("v3")
                        .setHash(null).build())
                .setViolations(List.of(Violation.newBuilder().setRuleId("max-amount")
                        .setSeverity(Severity.HIGH).setMessage("amount über Limit").build()))
                .setMetadataJson(null)
                .setEvidence(List.of(EvidenceRef.newBuilder().setUri("s3://bucket/e1")
                        .setSha256(null).setMediaType("application/pdf").build()))
                .build();
        return command("cmd-1", decision);
    }

    static LedgerCommand keyOperationCommand() {
        KeyOperation operation = KeyOperation.newBuilder()
                .setOperation(KeyOperationType.ROTATED)
                .setKeyId("key-42")
                .setScopes(List.of("decisions:write", "decisions:read"))
                .setExpiresAt(Instant.ofEpochMilli(1_798_761_600_000L))
                .setReason("scheduled rotation")
                .build();
        return command("cmd-2", operation);
    }

    private static LedgerCommand command(String commandId, Object body) {
        return LedgerCommand.newBuilder()
                .setCommandId(commandId)
                .setTenantId("tenant-a")
                .setIdempotencyKey("idem-" + commandId)
                .setCorrelationId("corr-" + commandId)
                .setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-42").build())
                .setReceivedAt(RECEIVED_AT)
                .setBody(body)
                .build();
    }

    static LedgerEntry entry() {
        return LedgerEntry.newBuilder()
                .setFormatVersion(1)
                .setTenantId("tenant-a")
                .setSeq(41L)
                .setEntryId("entry-41")
                .setEntryType(EntryType.DECISION)
                .setReceivedAt(RECEIVED_AT)
                .setRecordedAt(RECEIVED_AT.plusMillis(7))
                .setActorKeyId("key-42")
                .setCorrelationId("corr-cmd-1")
                .setPayloadHash(sha256(0x01))
                .setLeafHash(sha256(0x02))
                .setPrevChainHash(sha256(0x03))
                .setChainHash(sha256(0xff))
                .build();
    }

    static EntryKey entryKey() {
        return EntryKey.newBuilder().setTenantId("tenant-a").setSeq(41L).build();
    }

    static PayloadEnvelope envelope() {
        return PayloadEnvelope.newBuilder()
                .setEnvelopeVersion(1)
                .setKeyId("tenant-key-3")
                .setNonce(ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2}))
                .setCiphertext(ByteBuffer.wrap("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** A digest whose 32 bytes count up from {@code first}, so byte order is visible. */
    private static Sha256 sha256(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return new Sha256(bytes);
    }
}
