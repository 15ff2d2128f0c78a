package io.veridict.schemas.note;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A checkpoint note opened with the keys a reader trusts: the checkpoint and the first trusted
 * key that signed it.
 *
 * @param checkpoint the checkpoint the note's text holds
 * @param signer     a trusted key whose signature on it verified
 */
public record OpenedCheckpoint(Checkpoint checkpoint, NoteVerifier signer) {

    /**
     * Opens a signed checkpoint note ({@link SignedNote#open}) and parses its text.
     *
     * @throws NoteFormatException if no trusted key signed it, a trusted signature fails, or the
     *                             text is not a checkpoint
     */
    public static OpenedCheckpoint open(String note, Collection<NoteVerifier> trusted) {
        return open(note.getBytes(StandardCharsets.UTF_8), trusted);
    }

    /** As {@link #open(String, Collection)}, from the note's bytes. */
    public static OpenedCheckpoint open(byte[] note, Collection<NoteVerifier> trusted) {
        SignedNote.Opened opened = SignedNote.open(note, trusted);
        return new OpenedCheckpoint(Checkpoint.parse(opened.text()), opened.signedBy().get(0));
    }

    /** The origin a checkpoint of {@code tenant}'s tree signed by this key must carry: {@code <key name>/<tenant>}. */
    public String originFor(String tenant) {
        return signer.name() + "/" + tenant;
    }
}
