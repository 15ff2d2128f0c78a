package io.veridict.schemas.format;

/**
 * A Merkle inclusion or consistency proof did not verify. Carries the evidence: the root the
 * proof leads to and the root it was checked against, in lower-case hex. Both are null when
 * the proof was rejected before a root could be computed (index out of range, proof of the
 * wrong length); the message then says why.
 *
 * @see "docs/ledger-format.md §8.3 and §8.4"
 */
public final class MerkleProofException extends LedgerFormatException {

    private final String computedRootHex;
    private final String expectedRootHex;

    MerkleProofException(String message, byte[] computedRoot, byte[] expectedRoot) {
        super(message + (computedRoot == null ? ""
                : ": computed root " + Sha256.hex(computedRoot) + ", expected " + Sha256.hex(expectedRoot)));
        this.computedRootHex = computedRoot == null ? null : Sha256.hex(computedRoot);
        this.expectedRootHex = computedRoot == null ? null : Sha256.hex(expectedRoot);
    }

    MerkleProofException(String message) {
        this(message, null, null);
    }

    /** @return hex of the root computed from the proof, or null if none was computed */
    public String computedRootHex() {
        return computedRootHex;
    }

    /** @return hex of the root the proof was checked against, or null if none was computed */
    public String expectedRootHex() {
        return expectedRootHex;
    }
}
