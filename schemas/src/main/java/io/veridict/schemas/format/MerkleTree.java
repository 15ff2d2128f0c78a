package io.veridict.schemas.format;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing over a list of leaf hashes, and generation of inclusion
 * and consistency proofs. A tenant's tree has one leaf per entry, in seq order; the leaf hash
 * of an entry is {@link LedgerHashes#leafHash(EntryHeader)}.
 *
 * <p>The root is computed with a {@link MerkleFrontier} (one pass, O(log n) memory); proofs
 * follow the recursive definitions {@code PATH} and {@code PROOF} of RFC 9162 §2.1.3.1 and
 * §2.1.4.1. Verify proofs with {@link InclusionProofVerifier} and
 * {@link ConsistencyProofVerifier}.
 *
 * @see "docs/ledger-format.md §8 Merkle tree"
 */
public final class MerkleTree {

    private static final byte[] EMPTY_ROOT = Sha256.hash();

    private MerkleTree() {
    }

    /**
     * The root of the empty tree.
     *
     * @return {@code H("")}, the SHA-256 of zero bytes
     * @see "docs/ledger-format.md §8.1 Tree hash"
     */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /**
     * An RFC 9162 leaf hash.
     *
     * @param leafData the leaf's data (for an entry, its leaf bytes)
     * @return {@code H(0x00 || leafData)}
     * @see "docs/ledger-format.md §8.1 Tree hash"
     */
    public static byte[] leafHash(byte[] leafData) {
        return Sha256.hashPrefixed(LedgerFormat.LEAF_PREFIX, leafData);
    }

    /**
     * An RFC 9162 interior node hash.
     *
     * @param left  hash of the left subtree (32 bytes)
     * @param right hash of the right subtree (32 bytes)
     * @return {@code H(0x01 || left || right)}
     * @see "docs/ledger-format.md §8.1 Tree hash"
     */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Sha256.hashPrefixed(LedgerFormat.NODE_PREFIX,
                Sha256.requireHash(left, "left"), Sha256.requireHash(right, "right"));
    }

    /**
     * The Merkle tree hash {@code MTH(D[n])} of a list of leaf hashes.
     *
     * @param leafHashes the leaf hashes in order; may be empty
     * @return the 32-byte root; {@link #emptyRoot()} for an empty list
     * @see "docs/ledger-format.md §8.1 Tree hash"
     */
    public static byte[] root(List<byte[]> leafHashes) {
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (byte[] leafHash : leafHashes) {
            frontier = frontier.append(leafHash);
        }
        return frontier.root();
    }

    /**
     * The inclusion proof {@code PATH(m, D[n])} of one leaf, RFC 9162 §2.1.3.1.
     *
     * @param leafHashes all leaf hashes of the tree, {@code n = leafHashes.size()}
     * @param leafIndex  index {@code m} of the leaf, {@code 0 <= m < n}
     * @return the audit path, from the leaf's sibling up to the root's child
     * @throws IndexOutOfBoundsException if the index is not in the tree
     * @see "docs/ledger-format.md §8.3 Inclusion proofs"
     */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafHashes.size()) {
            throw new IndexOutOfBoundsException("leaf index " + leafIndex
                    + " is not in a tree of size " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, leafHashes, path);
        return path;
    }

    /**
     * The consistency proof {@code PROOF(m, D[n])} between the tree of the first {@code m}
     * leaves and the tree of all {@code n} leaves, RFC 9162 §2.1.4.1.
     *
     * @param leafHashes all leaf hashes of the newer tree, {@code n = leafHashes.size()}
     * @param oldSize    size {@code m} of the older tree, {@code 0 <= m <= n}
     * @return the proof; empty when {@code m == 0} or {@code m == n}
     * @throws IndexOutOfBoundsException if {@code oldSize} is not in {@code [0, n]}
     * @see "docs/ledger-format.md §8.4 Consistency proofs"
     */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
        if (oldSize < 0 || oldSize > leafHashes.size()) {
            throw new IndexOutOfBoundsException("old size " + oldSize
                    + " is not in [0, " + leafHashes.size() + "]");
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0) {
            subproof(oldSize, leafHashes, true, proof);
        }
        return proof;
    }

    /** Largest power of two strictly smaller than {@code n}, for {@code n >= 2}. */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void path(int m, List<byte[]> leaves, List<byte[]> out) {
        int n = leaves.size();
        if (n == 1) {
            return;
        }
        int k = (int) splitPoint(n);
        if (m < k) {
            path(m, leaves.subList(0, k), out);
            out.add(root(leaves.subList(k, n)));
        } else {
            path(m - k, leaves.subList(k, n), out);
            out.add(root(leaves.subList(0, k)));
        }
    }

    private static void subproof(int m, List<byte[]> leaves, boolean complete, List<byte[]> out) {
        int n = leaves.size();
        if (m == n) {
            if (!complete) {
                out.add(root(leaves));
            }
            return;
        }
        int k = (int) splitPoint(n);
        if (m <= k) {
            subproof(m, leaves.subList(0, k), complete, out);
            out.add(root(leaves.subList(k, n)));
        } else {
            subproof(m - k, leaves.subList(k, n), false, out);
            out.add(root(leaves.subList(0, k)));
        }
    }
}
