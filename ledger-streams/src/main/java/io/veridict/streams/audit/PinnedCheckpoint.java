package io.veridict.streams.audit;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A signed checkpoint an auditor kept from an earlier audit ({@code veridict verify --since}):
 * the tenant's tree had {@code size} entries with this root when it was signed. The ledger read now
 * must hold those same entries first: fewer entries is a truncation, another root a rewrite.
 *
 * @param file       where it was read from, for the report
 * @param tenantId   the tenant its origin names
 * @param checkpoint the verified checkpoint
 */
public record PinnedCheckpoint(String file, String tenantId, Checkpoint checkpoint) {

    /**
     * Reads and opens a kept checkpoint with the ledger's verifier key.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it is not a checkpoint that key signed for a tenant
     */
    public static PinnedCheckpoint read(Path file, NoteVerifier key) throws IOException {
        byte[] note;
        try (InputStream in = Files.newInputStream(file)) {
            note = in.readNBytes(SignedNote.MAX_NOTE_BYTES + 1);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(SignedNote.open(note, List.of(key)).text());
        } catch (NoteFormatException e) {
            throw new IllegalArgumentException("the checkpoint in " + file + " is not one " + key.name()
                    + " signed: " + e.getMessage());
        }
        String prefix = key.name() + "/";
        if (!checkpoint.origin().startsWith(prefix) || checkpoint.origin().length() == prefix.length()) {
            throw new IllegalArgumentException("the checkpoint in " + file + " has origin \"" + checkpoint.origin()
                    + "\", not <key name>/<tenant id> for the key " + key.name());
        }
        return new PinnedCheckpoint(file.toString(), checkpoint.origin().substring(prefix.length()), checkpoint);
    }

    /** @return e.g. {@code veridict-dev/acme size 42 root AbC…=} */
    public String describe() {
        return checkpoint.origin() + " size " + checkpoint.size() + " root " + Base64.getEncoder().encodeToString(checkpoint.rootHash());
    }

    /**
     * Follows one tenant's chain as it is verified and judges it against the pinned checkpoint.
     * Not thread-safe.
     */
    final class Watch {

        private byte[] rootAtSize;
        private long positionAtSize = -1;
        private long lastPosition = -1;

        /** After an entry passed every check: the head it led to and where the entry sits. */
        void passed(ChainHead head, long position) {
            lastPosition = position;
            if (head.size() == checkpoint.size()) {
                rootAtSize = head.merkleRoot().orElse(null);
                positionAtSize = position;
            }
        }

        /**
         * The verdict once the chain verified: null when the ledger holds the checkpoint's tree.
         *
         * @param head  the tenant's head after every entry
         * @param where the location of an entry, from its position
         */
        AuditFailure verdict(ChainHead head, Function<Long, RecordLocation> where) {
            String kept = "the checkpoint kept in " + file + " (" + describe() + ")";
            if (head.size() < checkpoint.size()) {
                return new AuditFailure(AuditFailure.Kind.CHECKPOINT_TRUNCATED, tenantId, head.size() == 0 ? null : head.lastSeq(),
                        where.apply(lastPosition), checkpoint.size() + " entries or more", head.size() + " entries",
                        "the ledger of tenant " + tenantId + " ends at seq " + (head.size() - 1) + ", but " + kept
                                + " signed a tree of " + checkpoint.size() + " entries: entries " + head.size() + ".."
                                + (checkpoint.size() - 1) + " were removed");
            }
            if (rootAtSize == null) {
                return new AuditFailure(AuditFailure.Kind.CHECKPOINT_MISMATCH, tenantId, checkpoint.size() - 1,
                        where.apply(positionAtSize), "the Merkle root of the first " + checkpoint.size() + " entries",
                        "none", "the tree of the first " + checkpoint.size() + " entries is not known here (a partial range):"
                        + " verify from seq 0 to compare it with " + kept);
            }
            if (!MessageDigest.isEqual(rootAtSize, checkpoint.rootHash())) {
                HexFormat hex = HexFormat.of();
                return new AuditFailure(AuditFailure.Kind.CHECKPOINT_MISMATCH, tenantId, checkpoint.size() - 1,
                        where.apply(positionAtSize), hex.formatHex(checkpoint.rootHash()), hex.formatHex(rootAtSize),
                        "the first " + checkpoint.size() + " entries of tenant " + tenantId + " (seqs 0.." + (checkpoint.size() - 1)
                                + ") are not those " + kept + " signed: their Merkle root differs, so at least one of them"
                                + " was changed or replaced, hashes recomputed");
            }
            return null;
        }
    }

    /** A watch for one verification. */
    Watch watch() {
        return new Watch();
    }
}
