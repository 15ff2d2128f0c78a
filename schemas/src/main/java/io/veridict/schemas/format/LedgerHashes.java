package io.veridict.schemas.format;

import java.util.Objects;

/**
 * The hash functions of ledger format versions 1 and 2: payload hash (plain in version 1,
 * salted in version 2), tenant genesis, entry leaf bytes and leaf hash, and chain links. All results are 32-byte SHA-256 digests except
 * {@link #leafBytes(EntryHeader)}, which returns the exact bytes that are hashed.
 *
 * @see "docs/ledger-format.md §4–§7"
 */
public final class LedgerHashes {

    private LedgerHashes() {
    }

    /**
     * The version 1 payload hash: plain SHA-256 of the payload bytes (the RFC 8785 canonical JSON text),
     * with no prefix, so that anyone can check a payload with {@code sha256sum}.
     *
     * @param payloadBytes the canonical payload bytes, as stored
     * @return {@code H(payload_bytes)}
     * @see "docs/ledger-format.md §4.4 Payload hash"
     */
    public static byte[] payloadHash(byte[] payloadBytes) {
        return Sha256.hash(Objects.requireNonNull(payloadBytes, "payloadBytes"));
    }

    /**
     * The version 2 payload hash: a commitment to the payload under a random salt that is stored
     * with the payload and erased with it, so that once both are gone no guess at the payload can
     * be confirmed against the entry.
     *
     * @param salt         the entry's {@value LedgerFormat#SALT_SIZE}-byte salt
     * @param payloadBytes the canonical payload bytes, as stored
     * @return {@code H(0x04 || str("veridict.payload.v2") || h32(salt) || payload_bytes)}
     * @throws IllegalArgumentException if the salt is not {@value LedgerFormat#SALT_SIZE} bytes
     * @see "docs/ledger-format.md §4.4 Payload hash"
     */
    public static byte[] saltedPayloadHash(byte[] salt, byte[] payloadBytes) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(payloadBytes, "payloadBytes");
        if (salt.length != LedgerFormat.SALT_SIZE) {
            throw new IllegalArgumentException("a payload salt has " + LedgerFormat.SALT_SIZE + " bytes, not " + salt.length);
        }
        byte[] tag = new HashInput().str(LedgerFormat.PAYLOAD_TAG_V2).toByteArray();
        return Sha256.hashPrefixed(LedgerFormat.PAYLOAD_PREFIX, tag, salt, payloadBytes);
    }

    /**
     * The payload hash an entry of {@code formatVersion} must carry for a payload: plain in
     * version 1, which has no salt; salted in version 2, which must have one.
     *
     * @param formatVersion the entry's version
     * @param payloadBytes  the canonical payload bytes
     * @param saltOrNull    the salt stored with the payload, or null when it has none
     * @return the payload hash
     * @throws IllegalArgumentException when the salt's presence or size does not fit the version
     * @throws UnsupportedFormatVersionException if the version is not supported
     * @see "docs/ledger-format.md §4.4 Payload hash"
     */
    public static byte[] payloadHash(int formatVersion, byte[] payloadBytes, byte[] saltOrNull) {
        if (!LedgerFormat.isSalted(formatVersion)) {
            if (saltOrNull != null) {
                throw new IllegalArgumentException("a version 1 payload has no salt, but one is stored with it");
            }
            return payloadHash(payloadBytes);
        }
        if (saltOrNull == null) {
            throw new IllegalArgumentException("a version 2 payload needs its salt, and none is stored with it");
        }
        return saltedPayloadHash(saltOrNull, payloadBytes);
    }

    /**
     * The chain hash "before" seq 0 of a tenant.
     *
     * @param tenantId the tenant id; must be valid Unicode
     * @return {@code H(0x03 || str("veridict.genesis.v1") || str(tenant_id))}
     * @see "docs/ledger-format.md §5 Genesis"
     */
    public static byte[] genesis(String tenantId) {
        byte[] input = new HashInput()
                .str(LedgerFormat.GENESIS_TAG)
                .str(Objects.requireNonNull(tenantId, "tenantId"))
                .toByteArray();
        return Sha256.hashPrefixed(LedgerFormat.GENESIS_PREFIX, input);
    }

    /**
     * The leaf bytes of an entry: every header field except the stored leaf, previous-chain and
     * chain hashes, in the fixed order and encodings of spec §6.
     *
     * @param header the entry; only its fields are read, its stored hashes are ignored
     * @return the leaf bytes (without the {@code 0x00} leaf prefix)
     * @throws UnsupportedFormatVersionException if the header's version is not supported
     * @see "docs/ledger-format.md §6 Entry leaf"
     */
    public static byte[] leafBytes(EntryHeader header) {
        return leafBytes(header.formatVersion(), header.tenantId(), header.seq(), header.entryId(),
                header.entryType(), header.receivedAtMs(), header.recordedAtMs(),
                header.actorKeyIdOrNull(), header.correlationId(), header.payloadHash());
    }

    /**
     * The RFC 9162 leaf hash of an entry, recomputed from its fields.
     *
     * @param header the entry; its stored hashes are ignored
     * @return {@code H(0x00 || leaf_bytes)}
     * @throws UnsupportedFormatVersionException if the header's version is not supported
     * @see "docs/ledger-format.md §6 Entry leaf"
     */
    public static byte[] leafHash(EntryHeader header) {
        return MerkleTree.leafHash(leafBytes(header));
    }

    /**
     * One chain link.
     *
     * @param prevChainHash the chain hash of the previous entry, or the tenant's genesis
     * @param leafHash      the leaf hash of this entry
     * @return {@code H(0x02 || prev_chain_hash || leaf_hash)}
     * @see "docs/ledger-format.md §7 Chain"
     */
    public static byte[] chainHash(byte[] prevChainHash, byte[] leafHash) {
        return Sha256.hashPrefixed(LedgerFormat.CHAIN_PREFIX,
                Sha256.requireHash(prevChainHash, "prevChainHash"),
                Sha256.requireHash(leafHash, "leafHash"));
    }

    static byte[] leafBytes(int formatVersion, String tenantId, long seq, String entryId,
                            String entryType, long receivedAtMs, long recordedAtMs,
                            String actorKeyIdOrNull, String correlationId, byte[] payloadHash) {
        LedgerFormat.requireSupported(formatVersion);
        return new HashInput()
                .str(LedgerFormat.entryTag(formatVersion))
                .u16(formatVersion)
                .str(tenantId)
                .u64(seq)
                .str(entryId)
                .str(entryType)
                .u64(receivedAtMs)
                .u64(recordedAtMs)
                .optStr(actorKeyIdOrNull)
                .str(correlationId)
                .h32(payloadHash)
                .toByteArray();
    }
}
