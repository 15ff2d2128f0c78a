package io.veridict.schemas.format;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact state of an append-only RFC 9162 Merkle tree: its size and the roots of its
 * perfect subtrees, one per set bit of the size, largest (leftmost) first. That is at most 64
 * hashes, enough to append leaves and compute the root without keeping the leaves.
 *
 * <p>Immutable: {@link #append(byte[])} returns a new frontier. The byte encoding
 * {@code u64 size || u8 count || count × h32} is stable (spec §8.2) and is what ledger writers
 * persist as part of a tenant's head.
 *
 * @see "docs/ledger-format.md §8.2 Frontier"
 */
public final class MerkleFrontier {

    private static final int HEADER_SIZE = Long.BYTES + 1;
    private static final MerkleFrontier EMPTY = new MerkleFrontier(0, new byte[0][]);

    private final long size;
    private final byte[][] subtreeRoots;

    private MerkleFrontier(long size, byte[][] subtreeRoots) {
        this.size = size;
        this.subtreeRoots = subtreeRoots;
    }

    /**
     * The frontier of the empty tree.
     *
     * @return a frontier of size 0 with no subtree roots
     */
    public static MerkleFrontier empty() {
        return EMPTY;
    }

    /**
     * The frontier of a tree of {@code size} leaves from the roots of its perfect subtrees.
     *
     * @param subtreeRoots one per set bit of {@code size}, largest subtree first (32 bytes each)
     * @throws LedgerFormatException if the count does not match the size
     */
    public static MerkleFrontier of(long size, List<byte[]> subtreeRoots) {
        if (size < 0 || subtreeRoots.size() != Long.bitCount(size)) {
            throw new LedgerFormatException("a frontier of size " + size + " needs " + Long.bitCount(size)
                    + " subtree roots, got " + subtreeRoots.size());
        }
        byte[][] roots = new byte[subtreeRoots.size()][];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = Sha256.requireHash(subtreeRoots.get(i), "subtreeRoot").clone();
        }
        return new MerkleFrontier(size, roots);
    }

    /**
     * Appends one leaf: merges the new leaf with every subtree of equal size, right to left.
     *
     * @param leafHash the RFC 9162 leaf hash to append (32 bytes)
     * @return the frontier of the tree with one more leaf; this frontier is unchanged
     * @see "docs/ledger-format.md §8.2 Frontier"
     */
    public MerkleFrontier append(byte[] leafHash) {
        return append(leafHash, null);
    }

    /**
     * Appends one leaf and tells {@code completed} about every perfect subtree of height 1 or
     * more that the leaf completes, lowest first: the subtree {@code (level, index)} covers the
     * leaves {@code [index × 2^level, (index + 1) × 2^level)} ({@link MerkleProofs}).
     *
     * @param completed told of each completed subtree; null to tell nobody
     * @return the frontier of the tree with one more leaf; this frontier is unchanged
     */
    public MerkleFrontier append(byte[] leafHash, MerkleProofs.SubtreeSink completed) {
        byte[] carry = Sha256.requireHash(leafHash, "leafHash").clone();
        int kept = subtreeRoots.length;
        int level = 0;
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            kept--;
            level++;
            carry = MerkleTree.nodeHash(subtreeRoots[kept], carry);
            if (completed != null) {
                completed.completed(level, size >>> level, carry);
            }
        }
        byte[][] next = Arrays.copyOf(subtreeRoots, kept + 1);
        next[kept] = carry;
        return new MerkleFrontier(size + 1, next);
    }

    /**
     * The Merkle tree hash of the tree this frontier describes.
     *
     * @return {@code MTH} of the leaves appended so far; {@link MerkleTree#emptyRoot()} when empty
     * @see "docs/ledger-format.md §8.1 Tree hash"
     */
    public byte[] root() {
        if (subtreeRoots.length == 0) {
            return MerkleTree.emptyRoot();
        }
        byte[] acc = subtreeRoots[subtreeRoots.length - 1];
        for (int i = subtreeRoots.length - 2; i >= 0; i--) {
            acc = MerkleTree.nodeHash(subtreeRoots[i], acc);
        }
        return acc.clone();
    }

    /** @return the number of leaves in the tree */
    public long size() {
        return size;
    }

    /** @return copies of the perfect-subtree roots, largest subtree first */
    public List<byte[]> subtreeRoots() {
        List<byte[]> copies = new ArrayList<>(subtreeRoots.length);
        for (byte[] hash : subtreeRoots) {
            copies.add(hash.clone());
        }
        return copies;
    }

    /**
     * The stable encoding: {@code u64 size || u8 count || count × h32}, where count is the
     * number of set bits of size and the hashes are ordered largest subtree first.
     *
     * @return a new array of {@code 9 + 32 × count} bytes
     * @see "docs/ledger-format.md §8.2 Frontier"
     */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + subtreeRoots.length * LedgerFormat.HASH_SIZE);
        out.putLong(size).put((byte) subtreeRoots.length);
        for (byte[] hash : subtreeRoots) {
            out.put(hash);
        }
        return out.array();
    }

    /**
     * Parses the output of {@link #encode()}.
     *
     * @param encoded the encoded frontier
     * @return the frontier
     * @throws LedgerFormatException if the size is negative as a signed 64-bit value, the
     *         count is not the number of set bits of the size, or the length is not exactly
     *         {@code 9 + 32 × count}
     * @see "docs/ledger-format.md §8.2 Frontier"
     */
    public static MerkleFrontier parse(byte[] encoded) {
        if (encoded.length < HEADER_SIZE) {
            throw new LedgerFormatException("frontier encoding too short: " + encoded.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        long size = in.getLong();
        int count = Byte.toUnsignedInt(in.get());
        if (size < 0) {
            throw new LedgerFormatException("frontier size exceeds 2^63-1: " + Long.toUnsignedString(size));
        }
        if (count != Long.bitCount(size)) {
            throw new LedgerFormatException("frontier of size " + size + " must hold "
                    + Long.bitCount(size) + " subtree roots, encoding says " + count);
        }
        int expectedLength = HEADER_SIZE + count * LedgerFormat.HASH_SIZE;
        if (encoded.length != expectedLength) {
            throw new LedgerFormatException("frontier of size " + size + " must be encoded in "
                    + expectedLength + " bytes, got " + encoded.length);
        }
        byte[][] roots = new byte[count][LedgerFormat.HASH_SIZE];
        for (byte[] root : roots) {
            in.get(root);
        }
        return new MerkleFrontier(size, roots);
    }

    /** Two frontiers are equal when they have the same size and subtree roots. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MerkleFrontier that
                && size == that.size && Arrays.deepEquals(subtreeRoots, that.subtreeRoots);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.deepHashCode(subtreeRoots);
    }

    @Override
    public String toString() {
        return "MerkleFrontier[size=" + size + " root=" + Sha256.hex(root()) + "]";
    }
}
