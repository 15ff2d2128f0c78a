package io.veridict.schemas.format;

import io.veridict.schemas.format.ChainFailure.Kind;
import java.util.Arrays;
import java.util.Objects;

/**
 * Verifies the entries of ONE tenant, fed one at a time in the order they were read, in O(1)
 * memory besides the Merkle frontier. Not thread-safe.
 *
 * <p>Each entry is checked in this order, and the first check that fails is the verdict
 * (spec §9.2): supported version; tenant; seq; {@code prev_chain_hash}; recomputed leaf
 * hash; recomputed chain hash; payload hash when the payload is present. A payload fed as
 * {@code null} is absent: at the end of the input it must be named by a later erasure record
 * (spec §9.7, {@link PayloadAccounting}), or the verdict is {@link Kind#PAYLOAD_MISSING}, which
 * leaves the header chain verified.
 *
 * <p>Seq rules (spec §9.3), with {@code e} the seq expected next: {@code seq == e} passes;
 * {@code seq == e - 1} (and {@code e > 0}) is {@link Kind#SEQ_DUPLICATE}; any other
 * {@code seq < e} is {@link Kind#SEQ_REORDERED}; {@code seq > e} is decided by the next
 * entry read: if that one carries the same tenant and seq {@code e}, the pair is out of order
 * ({@link Kind#SEQ_REORDERED}), otherwise (including end of input) {@code e} is missing
 * ({@link Kind#SEQ_GAP}). Either way the failure is reported at the first entry whose seq is
 * not {@code e}: its seq, its position, expected {@code e}, actual its seq.
 *
 * <p>After the first failure, further entries are ignored.
 *
 * @see "docs/ledger-format.md §9 Verifying a chain"
 */
public final class ChainVerifier {

    /** Position value meaning "the caller gave no position". */
    public static final long UNKNOWN_POSITION = -1;

    private ChainHead head;
    private byte[] lastLeafHash;
    private long entriesChecked;
    private long erasedPayloads;
    private ChainFailure failure;
    private ChainFailure pendingSeqFailure;
    private ChainVerification result;
    private PayloadAccounting payloads = new PayloadAccounting();

    private ChainVerifier(ChainHead start) {
        this.head = Objects.requireNonNull(start, "start");
    }

    /**
     * Makes this verifier check the header chain only (spec §9.2 checks 1–6, and 7 for the
     * payloads fed): payloads fed as {@code null} are neither counted as erased nor accounted
     * for. For a caller that checks and accounts payloads itself ({@link PayloadAccounting}).
     *
     * @return this verifier
     */
    public ChainVerifier headersOnly() {
        this.payloads = null;
        return this;
    }

    /**
     * A verifier for a tenant's complete chain, starting at seq 0 from the genesis value.
     *
     * @param tenantId the tenant whose entries will be fed
     * @return a fresh verifier
     * @see "docs/ledger-format.md §9.1"
     */
    public static ChainVerifier fromGenesis(String tenantId) {
        return new ChainVerifier(ChainHead.genesis(tenantId));
    }

    /**
     * A verifier for a range of a tenant's chain, continuing from a head the caller has
     * already verified (or trusts, e.g. from a signed checkpoint). The first entry fed must
     * carry seq {@code head.size()} and link to {@code head.chainHash()}. The Merkle root is
     * reported only if the head carries a frontier.
     *
     * @param verifiedHead the trusted head to continue from
     * @return a verifier positioned after that head
     * @see "docs/ledger-format.md §9.4 Range verification"
     */
    public static ChainVerifier resumeFrom(ChainHead verifiedHead) {
        return new ChainVerifier(verifiedHead);
    }

    /**
     * Feeds one entry, without position info ({@link #UNKNOWN_POSITION}).
     *
     * @param header        the entry's header, as read
     * @param payloadOrNull the payload bytes (canonical JSON, decrypted), or null if erased
     * @see #accept(EntryHeader, byte[], long)
     */
    public void accept(EntryHeader header, byte[] payloadOrNull) {
        accept(header, payloadOrNull, UNKNOWN_POSITION);
    }

    /**
     * Feeds the next entry read. Ignored once a failure has been found.
     *
     * @param header        the entry's header, as read
     * @param payloadOrNull the payload bytes (canonical JSON, decrypted), or null if erased
     * @param position      the caller's position info (e.g. Kafka offset), reported with a failure
     * @throws IllegalStateException if {@link #finish()} was already called
     * @see "docs/ledger-format.md §9.2 Checks"
     */
    public void accept(EntryHeader header, byte[] payloadOrNull, long position) {
        accept(header, payloadOrNull, null, position);
    }

    /**
     * Feeds the next entry read with the salt stored with its payload (format version 2; a
     * version 1 payload has none). Ignored once a failure has been found.
     *
     * @param header        the entry's header, as read
     * @param payloadOrNull the payload bytes (canonical JSON, decrypted), or null if erased
     * @param saltOrNull    the salt stored with the payload, or null when it has none
     * @param position      the caller's position info (e.g. Kafka offset), reported with a failure
     * @throws IllegalStateException if {@link #finish()} was already called
     * @see "docs/ledger-format.md §4.4 Payload hash and §9.2 Checks"
     */
    public void accept(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull, long position) {
        Objects.requireNonNull(header, "header");
        if (result != null) {
            throw new IllegalStateException("verifier already finished");
        }
        if (failure != null) {
            return;
        }
        if (pendingSeqFailure != null) {
            boolean fillsHole = header.tenantId().equals(head.tenantId()) && header.seq() == head.size();
            failure = fillsHole ? reorderedPair(pendingSeqFailure) : pendingSeqFailure;
            return;
        }
        failure = check(header, payloadOrNull, saltOrNull, position);
    }

    /**
     * The head after the last entry that passed every check so far: the start head before any.
     * An entry with a too-high seq that waits for its verdict has not passed.
     *
     * @return the current head
     */
    public ChainHead head() {
        return head;
    }

    /**
     * Tells whether the verdict is already a failure, so a caller may stop reading. An entry
     * with a too-high seq is not a failure yet: the next entry decides between
     * {@link Kind#SEQ_REORDERED} and {@link Kind#SEQ_GAP} (spec §9.3), so keep feeding until
     * this returns {@code true} or the input ends.
     *
     * @return {@code true} once the first failure is known
     */
    public boolean hasFailed() {
        return failure != null;
    }

    /**
     * Ends the input and returns the verdict. Calling it again returns the same result.
     *
     * @return entries checked, erased payloads, the head after the last good entry, and the
     *         first failure if any
     * @see "docs/ledger-format.md §9 Verifying a chain"
     */
    public ChainVerification finish() {
        return finish(true);
    }

    /**
     * Ends the input of a range that stops before the chain's head, and returns the verdict. An
     * erasure record after the range may name the range's absent payloads, so those no record
     * in the range names are reported ({@link ChainVerification#payloads()}) but are not a
     * failure. Calling it again returns the same result.
     *
     * @return as {@link #finish()}, without {@link Kind#PAYLOAD_MISSING}
     * @see "docs/ledger-format.md §9.4 Range verification"
     */
    public ChainVerification finishRange() {
        return finish(false);
    }

    private ChainVerification finish(boolean toHead) {
        if (result == null) {
            if (failure == null && pendingSeqFailure != null) {
                failure = pendingSeqFailure;
            }
            PayloadAccounting.Result account = payloads == null
                    ? PayloadAccounting.Result.NOTHING_ABSENT : payloads.finish();
            if (failure == null && toHead && account.unaccounted() > 0) {
                failure = new ChainFailure(Kind.PAYLOAD_MISSING, head.tenantId(), account.firstUnaccountedSeq(),
                        account.firstUnaccountedPosition(), "an erasure record naming seq " + account.firstUnaccountedSeq(),
                        "absent", account.unaccounted() + " absent payload(s) named by no erasure record, the first of "
                        + "seq " + account.firstUnaccountedSeq());
            }
            result = new ChainVerification(entriesChecked, erasedPayloads, head, failure, account);
        }
        return result;
    }

    private ChainFailure check(EntryHeader entry, byte[] payload, byte[] salt, long position) {
        FailureFactory fail = new FailureFactory(head.tenantId(), entry.seq(), position);
        if (!LedgerFormat.isSupported(entry.formatVersion())) {
            return fail.of(Kind.UNSUPPORTED_VERSION, LedgerFormat.SUPPORTED_VERSIONS,
                    String.valueOf(entry.formatVersion()), "unknown format_version");
        }
        if (!entry.tenantId().equals(head.tenantId())) {
            return fail.of(Kind.TENANT_MISMATCH, head.tenantId(), entry.tenantId(), "entry of another tenant");
        }
        ChainFailure seqFailure = checkSeq(entry, fail);
        if (seqFailure != null) {
            return seqFailure;
        }
        if (pendingSeqFailure != null) {
            return null;
        }
        byte[] prev = head.chainHash();
        // Every hash compared here is public: no need for a constant-time comparison.
        if (!Arrays.equals(prev, entry.prevChainHash())) {
            return fail.hashes(Kind.PREV_HASH_MISMATCH, prev, entry.prevChainHash(),
                    entry.seq() == 0 ? "prev_chain_hash is not the tenant's genesis value"
                            : "prev_chain_hash is not the chain hash of seq " + (entry.seq() - 1));
        }
        byte[] leaf = LedgerHashes.leafHash(entry);
        if (!Arrays.equals(leaf, entry.leafHash())) {
            return fail.hashes(Kind.LEAF_HASH_MISMATCH, leaf, entry.leafHash(),
                    "stored leaf_hash differs from the hash of the header fields");
        }
        byte[] chain = LedgerHashes.chainHash(prev, leaf);
        if (!Arrays.equals(chain, entry.chainHash())) {
            return fail.hashes(Kind.CHAIN_HASH_MISMATCH, chain, entry.chainHash(),
                    "stored chain_hash differs from H(0x02 || prev_chain_hash || leaf_hash)");
        }
        if (payload != null) {
            ChainFailure payloadFailure = checkPayload(entry, payload, salt, fail);
            if (payloadFailure != null) {
                return payloadFailure;
            }
        }
        head = head.advance(leaf, chain);
        lastLeafHash = leaf;
        entriesChecked++;
        if (payloads != null) {
            if (payload == null) {
                erasedPayloads++;
                payloads.absent(entry.seq(), position);
            } else {
                payloads.present(entry.entryType(), entry.seq(), payload);
            }
        }
        return null;
    }

    /** Check 7 of spec §9.2: the payload (and its salt, in version 2) against the header's payload hash. */
    private static ChainFailure checkPayload(EntryHeader entry, byte[] payload, byte[] salt, FailureFactory fail) {
        byte[] computed;
        try {
            computed = LedgerHashes.payloadHash(entry.formatVersion(), payload, salt);
        } catch (IllegalArgumentException e) {
            return fail.of(Kind.PAYLOAD_HASH_MISMATCH, Sha256.hex(entry.payloadHash()),
                    salt == null ? "no salt" : "a salt of " + salt.length + " bytes", e.getMessage());
        }
        if (Arrays.equals(entry.payloadHash(), computed)) {
            return null;
        }
        return fail.hashes(Kind.PAYLOAD_HASH_MISMATCH, entry.payloadHash(), computed,
                LedgerFormat.isSalted(entry.formatVersion())
                        ? "the salted hash of the payload bytes differs from the header's payload_hash"
                        : "SHA-256 of the payload bytes differs from the header's payload_hash");
    }

    /** Returns a seq failure, or null; a too-high seq is parked in {@link #pendingSeqFailure}. */
    private ChainFailure checkSeq(EntryHeader entry, FailureFactory fail) {
        long expected = head.size();
        long seq = entry.seq();
        if (seq == expected) {
            return null;
        }
        String expectedText = String.valueOf(expected);
        String actualText = String.valueOf(seq);
        if (seq > expected) {
            pendingSeqFailure = fail.of(Kind.SEQ_GAP, expectedText, actualText,
                    "seq " + expected + " is missing: the entry read in its place carries seq " + seq);
            return null;
        }
        if (expected > 0 && seq == expected - 1) {
            boolean identical = Arrays.equals(entry.chainHash(), head.chainHash())
                    && lastLeafHash != null && Arrays.equals(entry.leafHash(), lastLeafHash);
            return fail.of(Kind.SEQ_DUPLICATE, expectedText, actualText, "seq " + seq + " appears again: "
                    + (identical ? "an identical copy of the previous entry" : "a conflicting entry with the same seq"));
        }
        return fail.of(Kind.SEQ_REORDERED, expectedText, actualText,
                "seq " + seq + " read after seq " + (expected - 1));
    }

    private static ChainFailure reorderedPair(ChainFailure early) {
        return new ChainFailure(Kind.SEQ_REORDERED, early.tenantId(), early.seq(), early.position(),
                early.expected(), early.actual(), "seq " + early.actual() + " read before seq "
                + early.expected() + ", which follows it directly (entries out of order)");
    }

    /** Builds failures that share the tenant, seq and position of one entry. */
    private record FailureFactory(String tenantId, long seq, long position) {

        ChainFailure of(Kind kind, String expected, String actual, String detail) {
            return new ChainFailure(kind, tenantId, seq, position, expected, actual, detail);
        }

        ChainFailure hashes(Kind kind, byte[] expected, byte[] actual, String detail) {
            return of(kind, Sha256.hex(expected), Sha256.hex(actual), detail);
        }
    }
}
