/**
 * C2SP signed notes and transparency-log checkpoints: the text formats in which a Veridict
 * ledger publishes a tenant's signed tree head, compatible with the Go checksum database's
 * {@code golang.org/x/mod/sumdb/note} and with other C2SP implementations.
 *
 * <p>{@link io.veridict.schemas.note.NoteSigner} and {@link io.veridict.schemas.note.NoteVerifier}
 * are Ed25519 keys with a name and a key id, written as C2SP signer and verifier key strings;
 * {@link io.veridict.schemas.note.SignedNote} signs a text and opens a signed one;
 * {@link io.veridict.schemas.note.Checkpoint} is the text of a {@code tlog-checkpoint}. Pure: no
 * I/O, no clock.
 *
 * @see "docs/checkpoints.md"
 */
package io.veridict.schemas.note;
