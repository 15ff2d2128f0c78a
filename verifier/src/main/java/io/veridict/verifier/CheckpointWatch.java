package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Follows one tenant's chain as it is verified and judges it against signed checkpoints of its
 * tree: the ledger's own (on the checkpoints topic) and one an auditor kept ({@code --since}).
 * Each says that the first {@code size} entries make the tree with {@code root}; the chain must
 * reach every size, and its first entries must make every root. The first failure is kept. Not
 * thread-safe.
 */
final class CheckpointWatch {

    /** One signed claim: its size and root, and how to name it in a report. */
    record Claim(long size, byte[] root, String source, RecordLocation locationOrNull) {
    }

    private final String tenantId;
    private final TreeMap<Long, Claim> claims = new TreeMap<>();
    private AuditFailure failure;
    private long lastPosition = -1;
    private long checked;

    CheckpointWatch(String tenantId) {
        this.tenantId = tenantId;
    }

    /** Adds a claim; a second claim of another root at the same size is itself a failure. */
    void claim(Claim claim) {
        Claim other = claims.putIfAbsent(claim.size(), claim);
        if (other != null && !MessageDigest.isEqual(other.root(), claim.root()) && failure == null) {
            failure = new AuditFailure(AuditFailure.Kind.CHECKPOINT_MISMATCH, tenantId, claim.size() - 1,
                    claim.locationOrNull() != null ? claim.locationOrNull() : other.locationOrNull(),
                    hex(other.root()), hex(claim.root()), "two signed checkpoints of tenant " + tenantId + " give the tree of "
                    + claim.size() + " entries different roots: " + other.source() + " and " + claim.source());
        }
    }

    /** After an entry passed every check: the head it led to and where the entry sits. */
    void passed(ChainHead head, long position, Function<Long, RecordLocation> where) {
        lastPosition = position;
        Claim claim = claims.get(head.size());
        if (claim == null || failure != null) {
            return;
        }
        byte[] root = head.merkleRoot().orElse(null);
        if (root == null) {
            failure = new AuditFailure(AuditFailure.Kind.CHECKPOINT_MISMATCH, tenantId, head.size() - 1, where.apply(position),
                    "the Merkle root of the first " + claim.size() + " entries", "none", "the tree of the first "
                    + claim.size() + " entries is not known here (a partial range): verify from seq 0 to compare it with "
                    + claim.source());
        } else if (!MessageDigest.isEqual(root, claim.root())) {
            failure = new AuditFailure(AuditFailure.Kind.CHECKPOINT_MISMATCH, tenantId, head.size() - 1, where.apply(position),
                    hex(claim.root()), hex(root), "the first " + claim.size() + " entries of tenant " + tenantId + " (seqs 0.."
                    + (claim.size() - 1) + ") are not those " + claim.source() + " signed: their Merkle root differs, so at"
                    + " least one of them was changed or replaced, hashes recomputed");
        } else {
            checked++;
        }
    }

    /** The verdict once the chain verified, with the head after every entry: null when every claim holds. */
    AuditFailure verdict(ChainHead head, Function<Long, RecordLocation> where) {
        if (failure != null) {
            return failure;
        }
        Map.Entry<Long, Claim> beyond = claims.higherEntry(head.size());
        if (beyond != null) {
            Claim claim = claims.lastEntry().getValue();
            return new AuditFailure(AuditFailure.Kind.CHECKPOINT_TRUNCATED, tenantId, head.size() == 0 ? null : head.lastSeq(),
                    where.apply(lastPosition), claim.size() + " entries or more", head.size() + " entries",
                    "the ledger of tenant " + tenantId + " ends at seq " + (head.size() - 1) + ", but " + claim.source()
                            + " signed a tree of " + claim.size() + " entries: entries " + head.size() + ".."
                            + (claim.size() - 1) + " were removed");
        }
        return null;
    }

    /** Claims whose tree the chain was found to make. */
    long checked() {
        return checked;
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
