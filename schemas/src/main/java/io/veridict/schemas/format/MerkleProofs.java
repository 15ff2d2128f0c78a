package io.veridict.schemas.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9162 inclusion and consistency proofs, and tree hashes of any size, computed from the hashes
 * of <em>perfect subtrees</em> rather than from every leaf: a tree of size n is read in
 * O(log n) subtree hashes, so a ledger that keeps those hashes (or can compute them cheaply)
 * answers a proof at any size without reading its leaves.
 *
 * <p>A perfect subtree is addressed by its level and index: {@code (level, index)} covers the
 * leaves {@code [index × 2^level, (index + 1) × 2^level)}; level 0 is the leaf hashes. The proofs
 * equal {@link MerkleTree}'s, which follow the recursive definitions of RFC 9162 §2.1.3.1 and
 * §2.1.4.1 over a list of leaves.
 *
 * @see "docs/ledger-format.md §8 Merkle tree"
 */
public final class MerkleProofs {

    /** Where the perfect subtree hashes come from. */
    @FunctionalInterface
    public interface SubtreeHashes {
        /**
         * @param level the subtree's height: it covers {@code 2^level} leaves
         * @param index its position among the subtrees of that level, from the left
         * @return its RFC 9162 hash (32 bytes); level 0 is a leaf hash
         */
        byte[] hash(int level, long index);
    }

    /** Told of the perfect subtrees an append completes ({@link MerkleFrontier#append(byte[], SubtreeSink)}). */
    @FunctionalInterface
    public interface SubtreeSink {
        /** The subtree {@code (level, index)} is complete and hashes to {@code hash} (not to be modified). */
        void completed(int level, long index, byte[] hash);
    }

    private final SubtreeHashes source;
    /** Hashes of ranges computed for the current question: a proof reads many right-edge ranges twice. */
    private final Map<Range, byte[]> memo = new HashMap<>();

    private MerkleProofs(SubtreeHashes source) {
        this.source = source;
    }

    /**
     * The root {@code MTH(D[size])} of the first {@code size} leaves.
     *
     * @return {@link MerkleTree#emptyRoot()} for size 0
     */
    public static byte[] root(SubtreeHashes source, long size) {
        requireSize(size, "size");
        return size == 0 ? MerkleTree.emptyRoot() : new MerkleProofs(source).range(0, size);
    }

    /**
     * The inclusion proof {@code PATH(leafIndex, D[treeSize])}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= leafIndex < treeSize}
     */
    public static List<byte[]> inclusion(SubtreeHashes source, long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IndexOutOfBoundsException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<byte[]> proof = new ArrayList<>();
        new MerkleProofs(source).path(leafIndex, 0, treeSize, proof);
        return proof;
    }

    /**
     * The consistency proof {@code PROOF(oldSize, D[newSize])}.
     *
     * @return empty when {@code oldSize} is 0 or equals {@code newSize}
     * @throws IndexOutOfBoundsException unless {@code 0 <= oldSize <= newSize}
     */
    public static List<byte[]> consistency(SubtreeHashes source, long oldSize, long newSize) {
        requireSize(newSize, "new size");
        if (oldSize < 0 || oldSize > newSize) {
            throw new IndexOutOfBoundsException("old size " + oldSize + " is not in [0, " + newSize + "]");
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            new MerkleProofs(source).subproof(oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    /**
     * The perfect subtrees that make up the tree of {@code size} leaves, largest first: the
     * frontier of that size, as {@code {level, index}} pairs.
     */
    public static List<long[]> frontierSubtrees(long size) {
        requireSize(size, "size");
        List<long[]> subtrees = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                subtrees.add(new long[] {level, start >>> level});
                start += 1L << level;
            }
        }
        return subtrees;
    }

    /** {@code PATH(m, D[lo:hi])} with m relative to lo. */
    private void path(long m, long lo, long hi, List<byte[]> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = MerkleTree.splitPoint(n);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(range(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(range(lo, lo + k));
        }
    }

    /** {@code SUBPROOF(m, D[lo:hi], complete)} with m relative to lo. */
    private void subproof(long m, long lo, long hi, boolean complete, List<byte[]> out) {
        long n = hi - lo;
        if (m == n) {
            if (!complete) {
                out.add(range(lo, hi));
            }
            return;
        }
        long k = MerkleTree.splitPoint(n);
        if (m <= k) {
            subproof(m, lo, lo + k, complete, out);
            out.add(range(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(range(lo, lo + k));
        }
    }

    /**
     * {@code MTH(D[lo:hi])} for a range the recursions above produce: either a perfect subtree
     * (its size a power of two, its start aligned to it) or a range split like a tree of its size.
     */
    private byte[] range(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            return source.hash(Long.numberOfTrailingZeros(n), lo / n);
        }
        Range key = new Range(lo, hi);
        byte[] known = memo.get(key);
        if (known != null) {
            return known;
        }
        long k = MerkleTree.splitPoint(n);
        byte[] hash = MerkleTree.nodeHash(range(lo, lo + k), range(lo + k, hi));
        memo.put(key, hash);
        return hash;
    }

    private static void requireSize(long size, String what) {
        if (size < 0) {
            throw new IndexOutOfBoundsException(what + " " + size + " is negative");
        }
    }

    private record Range(long lo, long hi) {
    }
}
