package io.veridict.schemas.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * The chained header of one ledger entry, field for field the Avro {@code LedgerEntry}, as the
 * format library sees it. Byte arrays are copied on the way in and on the way out, so a
 * header is immutable; {@link #equals(Object)} compares array contents.
 *
 * <p>Invariants (checked by the constructor, which throws {@link IllegalArgumentException} or
 * {@link NullPointerException}): every string except {@code actorKeyIdOrNull} is non-null,
 * every string is valid Unicode (no unpaired surrogate), and every hash is exactly 32 bytes.
 * Nothing else is checked here: a header may carry any version, seq or hash values, so that a
 * verifier can be fed tampered data and report it.
 *
 * @param formatVersion    ledger format version the hashes claim to follow
 * @param tenantId         tenant id
 * @param seq              per-tenant sequence number
 * @param entryId          entry id (UUID text)
 * @param entryType        the Avro {@code EntryType} symbol, e.g. {@code DECISION}
 * @param receivedAtMs     when the command was accepted, epoch milliseconds
 * @param recordedAtMs     when the entry was chained, epoch milliseconds
 * @param actorKeyIdOrNull public id of the API key behind the command, or null
 * @param correlationId    correlation id of the originating request
 * @param payloadHash      SHA-256 of the canonical payload bytes
 * @param leafHash         stored RFC 9162 leaf hash
 * @param prevChainHash    stored chain hash of the previous entry (genesis for seq 0)
 * @param chainHash        stored chain hash after this entry
 * @see "docs/ledger-format.md §6 Entry leaf"
 */
public record EntryHeader(int formatVersion, String tenantId, long seq, String entryId,
                          String entryType, long receivedAtMs, long recordedAtMs,
                          String actorKeyIdOrNull, String correlationId, byte[] payloadHash,
                          byte[] leafHash, byte[] prevChainHash, byte[] chainHash) {

    /** Validates the invariants and copies the arrays. */
    public EntryHeader {
        requireText(tenantId, "tenantId");
        requireText(entryId, "entryId");
        requireText(entryType, "entryType");
        requireText(correlationId, "correlationId");
        if (actorKeyIdOrNull != null) {
            requireText(actorKeyIdOrNull, "actorKeyIdOrNull");
        }
        payloadHash = Sha256.requireHash(payloadHash, "payloadHash").clone();
        leafHash = Sha256.requireHash(leafHash, "leafHash").clone();
        prevChainHash = Sha256.requireHash(prevChainHash, "prevChainHash").clone();
        chainHash = Sha256.requireHash(chainHash, "chainHash").clone();
    }

    /**
     * Builds the header of a new entry: computes its leaf hash from the fields (spec §6) and
     * its chain hash from {@code prevChainHash} (spec §7). This is what a ledger writer calls;
     * the result always passes {@link ChainVerifier} when {@code prevChainHash} and
     * {@code seq} follow the tenant's head. Parameters are the record components of the same
     * names; {@code prevChainHash} is the tenant's current head chain hash (genesis for seq 0).
     *
     * @return the complete header, with {@code leafHash} and {@code chainHash} computed
     * @throws UnsupportedFormatVersionException if {@code formatVersion} is not supported
     * @see "docs/ledger-format.md §6 Entry leaf and §7 Chain"
     */
    public static EntryHeader seal(int formatVersion, String tenantId, long seq, String entryId,
                                   String entryType, long receivedAtMs, long recordedAtMs,
                                   String actorKeyIdOrNull, String correlationId,
                                   byte[] payloadHash, byte[] prevChainHash) {
        byte[] leafBytes = LedgerHashes.leafBytes(formatVersion, tenantId, seq, entryId, entryType,
                receivedAtMs, recordedAtMs, actorKeyIdOrNull, correlationId, payloadHash);
        byte[] leafHash = MerkleTree.leafHash(leafBytes);
        byte[] chainHash = LedgerHashes.chainHash(prevChainHash, leafHash);
        return new EntryHeader(formatVersion, tenantId, seq, entryId, entryType, receivedAtMs,
                recordedAtMs, actorKeyIdOrNull, correlationId, payloadHash, leafHash,
                prevChainHash, chainHash);
    }

    /** @return a copy of the stored payload hash */
    @Override
    public byte[] payloadHash() {
        return payloadHash.clone();
    }

    /** @return a copy of the stored leaf hash */
    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }

    /** @return a copy of the stored previous chain hash */
    @Override
    public byte[] prevChainHash() {
        return prevChainHash.clone();
    }

    /** @return a copy of the stored chain hash */
    @Override
    public byte[] chainHash() {
        return chainHash.clone();
    }

    /** Compares every field, arrays by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EntryHeader that
                && formatVersion == that.formatVersion && seq == that.seq
                && receivedAtMs == that.receivedAtMs && recordedAtMs == that.recordedAtMs
                && tenantId.equals(that.tenantId) && entryId.equals(that.entryId)
                && entryType.equals(that.entryType)
                && Objects.equals(actorKeyIdOrNull, that.actorKeyIdOrNull)
                && correlationId.equals(that.correlationId)
                && Arrays.equals(payloadHash, that.payloadHash)
                && Arrays.equals(leafHash, that.leafHash)
                && Arrays.equals(prevChainHash, that.prevChainHash)
                && Arrays.equals(chainHash, that.chainHash);
    }

    /** Hashes every field, arrays by content. */
    @Override
    public int hashCode() {
        int result = Objects.hash(formatVersion, tenantId, seq, entryId, entryType, receivedAtMs,
                recordedAtMs, actorKeyIdOrNull, correlationId);
        result = 31 * result + Arrays.hashCode(leafHash);
        return 31 * result + Arrays.hashCode(chainHash);
    }

    /** Shows every field, hashes in hex. */
    @Override
    public String toString() {
        return "EntryHeader[v" + formatVersion + " tenant=" + tenantId + " seq=" + seq
                + " entryId=" + entryId + " type=" + entryType + " receivedAtMs=" + receivedAtMs
                + " recordedAtMs=" + recordedAtMs + " actorKeyId=" + actorKeyIdOrNull
                + " correlationId=" + correlationId + " payloadHash=" + Sha256.hex(payloadHash)
                + " leafHash=" + Sha256.hex(leafHash) + " prevChainHash=" + Sha256.hex(prevChainHash)
                + " chainHash=" + Sha256.hex(chainHash) + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        try {
            HashInput.utf8(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not valid Unicode", e);
        }
    }
}
