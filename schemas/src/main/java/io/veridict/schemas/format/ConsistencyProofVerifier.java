package io.veridict.schemas.format;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an RFC 9162 consistency proof: that the tree of size {@code oldSize} with root
 * {@code oldRoot} is a prefix of the tree of size {@code newSize} with root {@code newRoot}.
 * Implements the algorithm of RFC 9162 §2.1.4.2, plus the two trivial cases it leaves out.
 *
 * @see "docs/ledger-format.md §8.4 Consistency proofs"
 */
public final class ConsistencyProofVerifier {

    private ConsistencyProofVerifier() {
    }

    /**
     * Checks a consistency proof and returns normally only if it holds.
     *
     * <p>Trivial cases: when {@code oldSize == newSize} the proof MUST be empty and the roots
     * equal; when {@code oldSize == 0} the proof MUST be empty and {@code oldRoot} MUST be the
     * empty-tree root {@code H("")}.
     *
     * @param oldSize size of the older tree, {@code 0 <= oldSize <= newSize}
     * @param newSize size of the newer tree
     * @param oldRoot root of the older tree (32 bytes)
     * @param newRoot root of the newer tree (32 bytes)
     * @param proof   the proof, as produced by {@link MerkleTree#consistencyProof}
     * @throws MerkleProofException if the sizes are out of order, the proof has the wrong
     *         length, or a computed root differs from the given one (both in hex)
     * @see "docs/ledger-format.md §8.4 Consistency proofs"
     */
    public static void verify(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
                              List<byte[]> proof) {
        Sha256.requireHash(oldRoot, "oldRoot");
        Sha256.requireHash(newRoot, "newRoot");
        proof.forEach(p -> Sha256.requireHash(p, "proof element"));
        String trees = "trees of size " + oldSize + " and " + newSize;
        if (oldSize < 0 || oldSize > newSize) {
            throw new MerkleProofException("no consistency between " + trees);
        }
        if (oldSize == newSize || oldSize == 0) {
            if (!proof.isEmpty()) {
                throw new MerkleProofException("consistency proof between " + trees
                        + " must be empty, has " + proof.size() + " hashes");
            }
            byte[] mustEqual = oldSize == 0 ? MerkleTree.emptyRoot() : newRoot;
            requireEqual(mustEqual, oldRoot, "old root of " + trees);
            return;
        }
        if (proof.isEmpty()) {
            throw new MerkleProofException("consistency proof between " + trees + " is empty");
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new MerkleProofException("consistency proof between " + trees + " is too long: "
                        + proof.size() + " hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MerkleProofException("consistency proof between " + trees + " is too short: "
                    + proof.size() + " hashes");
        }
        requireEqual(fr, oldRoot, "old root of " + trees);
        requireEqual(sr, newRoot, "new root of " + trees);
    }

    private static void requireEqual(byte[] computed, byte[] expected, String what) {
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new MerkleProofException("consistency proof does not lead to the " + what,
                    computed, expected);
        }
    }
}
