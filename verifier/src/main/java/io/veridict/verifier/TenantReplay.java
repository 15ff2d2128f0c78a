package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.ChainVerification;
import io.veridict.schemas.format.ChainVerifier;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.PayloadAccounting;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One tenant's chain as read from the entries topic: a {@link ChainVerifier} for the header
 * checks (spec §9.2 checks 1–6) plus the payload check (check 7) against the payload index.
 *
 * <p>The index keeps payload <em>hashes</em>, not payloads, so the verifier is fed every entry
 * as "payload absent" and check 7 is made here, once the verifier has accepted the entry
 * (seq as expected and no failure): the stored hash must equal the header's
 * {@code payload_hash}. The first failure stops the tenant, whichever side found it; the head
 * reported is then the one after the last entry that passed: the verifier's head from before
 * the entry whose payload failed. Not thread-safe.
 */
final class TenantReplay {

    private static final HexFormat HEX = HexFormat.of();

    private final String tenantId;
    private final String entriesTopic;
    private final String payloadsTopic;
    private final int partition;
    private final ChainVerifier verifier;
    private final PayloadAccounting payloads = new PayloadAccounting();
    private boolean parked;
    private long erased;
    private long encrypted;
    private AuditFailure ownFailure;
    private AuditFailure missing;
    private ChainHead headAtOwnFailure;
    private CheckpointWatch checkpoints;

    /**
     * @param partition the partition every record of this tenant must live in
     */
    TenantReplay(String tenantId, String entriesTopic, String payloadsTopic, int partition) {
        this.tenantId = tenantId;
        this.entriesTopic = entriesTopic;
        this.payloadsTopic = payloadsTopic;
        this.partition = partition;
        this.verifier = ChainVerifier.fromGenesis(tenantId).headersOnly();
    }

    int partition() {
        return partition;
    }

    /** Judges the chain against a signed checkpoint of this tenant's tree. */
    void claim(CheckpointWatch.Claim claim) {
        if (checkpoints == null) {
            checkpoints = new CheckpointWatch(tenantId);
        }
        checkpoints.claim(claim);
    }

    /** Signed checkpoints whose tree the chain was found to make. */
    long checkpointsHeld() {
        return checkpoints == null ? 0 : checkpoints.checked();
    }

    /**
     * Feeds the next entry read from the tenant's partition.
     *
     * @param header  the entry header
     * @param payload the last payload record seen for its key, or null if none
     * @param offset  the entry's offset
     */
    void accept(EntryHeader header, PayloadIndex.Seen payload, long offset) {
        if (ownFailure != null || verifier.hasFailed()) {
            return;
        }
        ChainHead before = verifier.head();
        verifier.accept(header, null, offset);
        parked = !verifier.hasFailed() && header.seq() != before.size();
        if (verifier.hasFailed() || parked) {
            return; // a failure, or a too-high seq that the next entry decides about (spec §9.3)
        }
        AuditFailure payloadFailure = checkPayload(header, payload, offset);
        if (payloadFailure != null) {
            stop(payloadFailure, before);
            return;
        }
        if (checkpoints != null) {
            checkpoints.passed(verifier.head(), offset, this::at);
        }
        if (payload != null && payload.erasureOrNull() != null
                && PayloadAccounting.ERASURE_ENTRY_TYPE.equals(header.entryType())) {
            payloads.erasureRecord(payload.erasureOrNull());
        }
    }

    /**
     * Records a failure found outside the chain checks (an unreadable record, an entry in the
     * wrong partition). Ignored if the tenant already failed; if an entry with a too-high seq
     * is waiting for its verdict, that earlier entry is the failure (a {@code SEQ_GAP}, since
     * the record after it is not the missing seq).
     */
    void fail(Kind kind, Long seqOrNull, KafkaRecord location, String expected, String actual, String detail) {
        if (ownFailure != null || verifier.hasFailed() || parked) {
            return;
        }
        stop(new AuditFailure(kind, tenantId, seqOrNull, location, expected, actual, detail), verifier.head());
    }

    /**
     * Ends the input; the verdict, with the head after the last entry that passed. When every
     * check passed, the absent payloads must be accounted for (ledger format §9.7): the first
     * one no erasure record names is a {@link Kind#PAYLOAD_MISSING} failure.
     */
    TenantResult finish() {
        ChainVerification result = verifier.finish();
        if (ownFailure != null) {
            return new TenantResult(tenantId, headAtOwnFailure.size(), erased, encrypted, headAtOwnFailure, false);
        }
        PayloadAccounting.Result account = payloads.finish();
        if (result.isValid() && account.unaccounted() > 0 && missing == null) {
            long seq = account.firstUnaccountedSeq();
            missing = new AuditFailure(Kind.PAYLOAD_MISSING, tenantId, seq,
                    new KafkaRecord(entriesTopic, partition, account.firstUnaccountedPosition()),
                    "an erasure record naming seq " + seq, "absent", account.unaccounted()
                    + " payload(s) absent from " + payloadsTopic + " that no erasure record names, the first of seq " + seq);
        }
        if (result.isValid() && missing == null && checkpoints != null) {
            missing = checkpoints.verdict(result.head(), this::at);
        }
        return new TenantResult(tenantId, result.entriesChecked(), erased, encrypted, result.head(),
                result.isValid() && missing == null, account);
    }

    /** The first failure, if any; call after {@link #finish()}. */
    AuditFailure failureOrNull() {
        if (ownFailure != null) {
            return ownFailure;
        }
        if (missing != null) {
            return missing;
        }
        return verifier.finish().failure()
                .map(f -> AuditFailure.of(f, new KafkaRecord(entriesTopic, partition, f.position())))
                .orElse(null);
    }

    private AuditFailure checkPayload(EntryHeader header, PayloadIndex.Seen payload, long offset) {
        if (payload == null || payload.state() == PayloadIndex.State.ERASED) {
            erased++;
            payloads.absent(header.seq(), offset);
            return null;
        }
        KafkaRecord where = new KafkaRecord(payloadsTopic, payload.partition(), payload.offset());
        switch (payload.state()) {
            case ENCRYPTED -> {
                encrypted++;
                return null;
            }
            case UNREADABLE -> {
                return new AuditFailure(Kind.UNREADABLE_RECORD, tenantId, header.seq(), where, null, null,
                        "the payload of the entry at " + entriesTopic + " offset " + offset + " cannot be decoded: "
                                + payload.problemOrNull());
            }
            default -> {
                return comparePayload(header, payload, where, offset);
            }
        }
    }

    /** Check 7 of spec §9.2 on what the index kept: the salt's presence fits the version, the hashes agree. */
    private AuditFailure comparePayload(EntryHeader header, PayloadIndex.Seen payload, KafkaRecord where, long offset) {
        String at = " the entry at " + entriesTopic + " partition " + partition + " offset " + offset;
        String expected = HEX.formatHex(header.payloadHash());
        boolean salted = LedgerFormat.isSalted(header.formatVersion());
        if (salted != payload.salted()) {
            return new AuditFailure(Kind.PAYLOAD_HASH_MISMATCH, tenantId, header.seq(), where, expected,
                    payload.salted() ? "a salt" : "no salt", salted
                            ? "the payload of" + at + " (format version 2) has no salt stored with it"
                            : "the payload of" + at + " (format version 1) has a salt stored with it");
        }
        if (payload.hashOrNull() == null) {
            return new AuditFailure(Kind.PAYLOAD_HASH_MISMATCH, tenantId, header.seq(), where, expected,
                    "no hash", payload.problemOrNull() + " (the payload of" + at + ")");
        }
        if (MessageDigest.isEqual(payload.hashOrNull(), header.payloadHash())) {
            return null;
        }
        return new AuditFailure(Kind.PAYLOAD_HASH_MISMATCH, tenantId, header.seq(), where, expected,
                HEX.formatHex(payload.hashOrNull()), (salted ? "the salted hash" : "SHA-256")
                        + " of the payload differs from the payload_hash of" + at);
    }

    private RecordLocation at(long position) {
        return new KafkaRecord(entriesTopic, partition, Math.max(position, 0));
    }

    private void stop(AuditFailure failure, ChainHead lastPassed) {
        ownFailure = failure;
        headAtOwnFailure = lastPassed;
    }
}
