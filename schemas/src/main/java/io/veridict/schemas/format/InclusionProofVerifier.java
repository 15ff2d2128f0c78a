package io.veridict.schemas.format;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies an RFC 9162 inclusion proof: that a leaf hash is the leaf at a given index of the
 * tree with a given size and root. Implements the algorithm of RFC 9162 §2.1.3.2 exactly.
 *
 * @see "docs/ledger-format.md §8.3 Inclusion proofs"
 */
public final class InclusionProofVerifier {

    private InclusionProofVerifier() {
    }

    /**
     * Checks an inclusion proof and returns normally only if it holds.
     *
     * @param leafIndex    index of the leaf, {@code 0 <= leafIndex < treeSize}
     * @param treeSize     number of leaves of the tree
     * @param leafHash     the leaf's RFC 9162 leaf hash (32 bytes)
     * @param proof        the audit path, as produced by {@link MerkleTree#inclusionProof}
     * @param expectedRoot the root of the tree of size {@code treeSize} (32 bytes)
     * @throws MerkleProofException if the index is out of range, the proof has the wrong
     *         length, or the computed root differs from {@code expectedRoot} (both in hex)
     * @see "docs/ledger-format.md §8.3 Inclusion proofs"
     */
    public static void verify(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
                              byte[] expectedRoot) {
        Sha256.requireHash(leafHash, "leafHash");
        Sha256.requireHash(expectedRoot, "expectedRoot");
        if (leafIndex < 0 || treeSize < 0 || leafIndex >= treeSize) {
            throw new MerkleProofException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            Sha256.requireHash(p, "proof element");
            if (sn == 0) {
                throw new MerkleProofException("inclusion proof for leaf " + leafIndex + " of tree size "
                        + treeSize + " is too long: " + proof.size() + " hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MerkleProofException("inclusion proof for leaf " + leafIndex + " of tree size "
                    + treeSize + " is too short: " + proof.size() + " hashes");
        }
        if (!MessageDigest.isEqual(r, expectedRoot)) {
            throw new MerkleProofException("inclusion proof for leaf " + leafIndex + " of tree size "
                    + treeSize + " does not lead to the expected root", r, expectedRoot);
        }
    }
}
