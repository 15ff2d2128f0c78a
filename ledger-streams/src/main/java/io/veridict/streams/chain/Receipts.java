package io.veridict.streams.chain;

import io.veridict.streams.RefusalCode;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.format.EntryHeader;
import java.time.Instant;

/** Conversions between the format library's header and the Avro entry, receipt and outcome. */
public final class Receipts {

    private Receipts() {
    }

    /** The Avro header of a sealed entry. */
    public static LedgerEntry toAvro(EntryHeader header, EntryType type) {
        return new LedgerEntry(header.formatVersion(), header.tenantId(), header.seq(), header.entryId(), type,
                Instant.ofEpochMilli(header.receivedAtMs()), Instant.ofEpochMilli(header.recordedAtMs()),
                header.actorKeyIdOrNull(), header.correlationId(), new Sha256(header.payloadHash()),
                new Sha256(header.leafHash()), new Sha256(header.prevChainHash()), new Sha256(header.chainHash()));
    }

    public static EntryReceipt receipt(LedgerEntry entry, String decisionId) {
        return EntryReceipt.newBuilder()
                .setTenantId(entry.getTenantId())
                .setSeq(entry.getSeq())
                .setEntryId(entry.getEntryId())
                .setDecisionId(decisionId)
                .setLeafHash(entry.getLeafHash())
                .setChainHash(entry.getChainHash())
                .setPrevChainHash(entry.getPrevChainHash())
                .setRecordedAt(entry.getRecordedAt())
                .setCorrelationId(entry.getCorrelationId())
                .build();
    }

    static CommandOutcome outcome(ChainItem item, OutcomeStatus status, EntryReceipt receipt) {
        return outcome(item, status, receipt, null);
    }

    static CommandOutcome conflict(ChainItem item, RefusalCode reason) {
        return outcome(item, OutcomeStatus.CONFLICT, null, reason.name());
    }

    /** The outcome of a chained entry: what its run on the entries topic tells the producer. */
    public static CommandOutcome chained(LedgerEntry entry, String commandId, String idempotencyKey, String decisionId) {
        return CommandOutcome.newBuilder()
                .setCommandId(commandId)
                .setTenantId(entry.getTenantId())
                .setIdempotencyKey(idempotencyKey)
                .setStatus(OutcomeStatus.CHAINED)
                .setReceipt(receipt(entry, decisionId))
                .setReason(null)
                .build();
    }

    private static CommandOutcome outcome(ChainItem item, OutcomeStatus status, EntryReceipt receipt, String reason) {
        return CommandOutcome.newBuilder()
                .setCommandId(item.commandId())
                .setTenantId(item.tenantId())
                .setIdempotencyKey(item.idempotencyKey())
                .setStatus(status)
                .setReceipt(receipt)
                .setReason(reason)
                .build();
    }
}
