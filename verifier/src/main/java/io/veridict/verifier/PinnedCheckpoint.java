package io.veridict.verifier;

import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.OpenedCheckpoint;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

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
        return read(file, List.of(key));
    }

    /** As {@link #read(Path, NoteVerifier)}, trusting any of {@code keys} (a log's keys across rotations). */
    public static PinnedCheckpoint read(Path file, List<NoteVerifier> keys) throws IOException {
        byte[] note;
        try (InputStream in = Files.newInputStream(file)) {
            note = in.readNBytes(SignedNote.MAX_NOTE_BYTES + 1);
        }
        OpenedCheckpoint opened;
        try {
            opened = OpenedCheckpoint.open(note, keys);
        } catch (NoteFormatException e) {
            throw new IllegalArgumentException("the checkpoint in " + file + " is not one " + keys.get(0).name()
                    + " signed: " + e.getMessage());
        }
        Checkpoint checkpoint = opened.checkpoint();
        NoteVerifier key = opened.signer();
        String prefix = opened.originFor("");
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

    /** Its claim, for a {@link CheckpointWatch}. */
    CheckpointWatch.Claim claim() {
        return new CheckpointWatch.Claim(checkpoint.size(), checkpoint.rootHash(),
                "the checkpoint kept in " + file + " (" + describe() + ")", null);
    }
}
