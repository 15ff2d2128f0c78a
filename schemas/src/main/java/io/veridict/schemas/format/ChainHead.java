package io.veridict.schemas.format;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a tenant's chain after some number of entries: how many entries it holds
 * ({@code size}, which is also the seq the next entry must carry), the chain hash of the last
 * entry (the tenant's genesis value when empty), and optionally the Merkle frontier over the
 * entries' leaf hashes.
 *
 * <p>The frontier is absent when a verification was resumed from a head that was given
 * without one (see {@link ChainVerifier#resumeFrom(ChainHead)}); a Merkle root over only part
 * of a tenant's entries would mean nothing, so none is reported then.
 *
 * @param tenantId        the tenant
 * @param size            number of entries, {@code >= 0}; the next seq
 * @param chainHash       chain hash of entry {@code size - 1}, or the genesis value if empty
 * @param frontierOrNull  Merkle frontier of the same {@code size}, or null if unknown
 * @see "docs/ledger-format.md §7 Chain and §9 Verifying a chain"
 */
public record ChainHead(String tenantId, long size, byte[] chainHash, MerkleFrontier frontierOrNull) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if size is negative, the hash is not 32 bytes, or the
     *         frontier's size differs from {@code size}
     */
    public ChainHead {
        Objects.requireNonNull(tenantId, "tenantId");
        chainHash = Sha256.requireHash(chainHash, "chainHash").clone();
        if (size < 0) {
            throw new IllegalArgumentException("chain size must not be negative: " + size);
        }
        if (frontierOrNull != null && frontierOrNull.size() != size) {
            throw new IllegalArgumentException("frontier of size " + frontierOrNull.size()
                    + " does not describe a chain of size " + size);
        }
    }

    /**
     * The head of a tenant's empty chain: size 0, the genesis chain hash, an empty frontier.
     *
     * @param tenantId the tenant
     * @return the head before seq 0
     * @see "docs/ledger-format.md §5 Genesis"
     */
    public static ChainHead genesis(String tenantId) {
        return new ChainHead(tenantId, 0, LedgerHashes.genesis(tenantId), MerkleFrontier.empty());
    }

    /** @return the seq of the last entry, or -1 if the chain is empty */
    public long lastSeq() {
        return size - 1;
    }

    /** @return a copy of the chain hash of the last entry (genesis if empty) */
    @Override
    public byte[] chainHash() {
        return chainHash.clone();
    }

    /** @return the RFC 9162 root over the chain's leaf hashes, if the frontier is known */
    public Optional<byte[]> merkleRoot() {
        return Optional.ofNullable(frontierOrNull).map(MerkleFrontier::root);
    }

    /**
     * The head after one more entry with the given hashes: size + 1, the entry's chain hash,
     * and the frontier (when known) with the leaf appended. The hashes are taken as given;
     * computing or checking them is the caller's job ({@link EntryHeader#seal}, {@link ChainVerifier}).
     */
    public ChainHead advance(byte[] leafHash, byte[] nextChainHash) {
        return advance(leafHash, nextChainHash, null);
    }

    /**
     * Same as {@link #advance(byte[], byte[])}, telling {@code completed} of the perfect Merkle
     * subtrees the new leaf completes (when the frontier is known).
     */
    public ChainHead advance(byte[] leafHash, byte[] nextChainHash, MerkleProofs.SubtreeSink completed) {
        MerkleFrontier frontier = frontierOrNull == null ? null : frontierOrNull.append(leafHash, completed);
        return new ChainHead(tenantId, size + 1, nextChainHash, frontier);
    }

    /** Compares tenant, size, chain hash and frontier. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ChainHead that
                && size == that.size && tenantId.equals(that.tenantId)
                && Arrays.equals(chainHash, that.chainHash)
                && Objects.equals(frontierOrNull, that.frontierOrNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, size, Arrays.hashCode(chainHash), frontierOrNull);
    }

    @Override
    public String toString() {
        return "ChainHead[tenant=" + tenantId + " size=" + size + " chainHash=" + Sha256.hex(chainHash)
                + " merkleRoot=" + merkleRoot().map(Sha256::hex).orElse("unknown") + "]";
    }
}
