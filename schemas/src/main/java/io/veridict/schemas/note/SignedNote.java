package io.veridict.schemas.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: a text (UTF-8, ending in a newline, without blank lines or control
 * characters other than newlines), a blank line, and one signature line per signer,
 * {@code "— " + key name + " " + base64(4-byte key id || signature)}. Each Ed25519 signature covers
 * the text's bytes, final newline included.
 *
 * <p>Opening follows the rules of the Go {@code note} package: the text ends at the last blank
 * line; lines of unknown keys are ignored; a line of a known key whose signature does not verify
 * rejects the whole note; at least one known key must have signed.
 */
public final class SignedNote {

    /** Notes longer than this are refused (a checkpoint is a few hundred bytes). */
    public static final int MAX_NOTE_BYTES = 1 << 20;
    /** Signature lines beyond this are refused. */
    public static final int MAX_SIGNATURES = 100;

    private static final String DASH = "\u2014 ";

    private SignedNote() {
    }

    /**
     * Signs {@code text} with every signer, in order.
     *
     * @return the signed note
     * @throws NoteFormatException if the text is not a valid note text
     */
    public static String sign(String text, List<NoteSigner> signers) {
        checkText(text);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("no signer");
        }
        StringBuilder note = new StringBuilder(text).append('\n');
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        for (NoteSigner signer : signers) {
            byte[] signature = signer.sign(message);
            byte[] line = ByteBuffer.allocate(4 + signature.length).putInt(signer.verifier().keyId()).put(signature).array();
            note.append(DASH).append(signer.verifier().name()).append(' ')
                    .append(Base64.getEncoder().encodeToString(line)).append('\n');
        }
        return note.toString();
    }

    /**
     * Opens a signed note with the keys the reader trusts.
     *
     * @return the text and the keys that verifiably signed it (at least one)
     * @throws NoteFormatException if the note is malformed, a known key's signature does not
     *                             verify, or no known key signed it
     */
    public static Opened open(byte[] note, Collection<NoteVerifier> trusted) {
        if (note.length > MAX_NOTE_BYTES) {
            throw new NoteFormatException("the note is longer than " + MAX_NOTE_BYTES + " bytes");
        }
        String all = utf8(note);
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteFormatException("the note has no blank line before its signatures");
        }
        String text = all.substring(0, split + 1);
        checkText(text);
        String signatures = all.substring(split + 2);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw new NoteFormatException("the note's signature lines must end with a newline");
        }
        String[] lines = signatures.substring(0, signatures.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new NoteFormatException("the note has more than " + MAX_SIGNATURES + " signatures");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<NoteVerifier> verified = new ArrayList<>();
        for (String line : lines) {
            Signed signed = signatureLine(line);
            for (NoteVerifier key : trusted) {
                if (key.name().equals(signed.name) && key.keyId() == signed.keyId && !verified.contains(key)) {
                    if (!key.verifies(message, signed.signature)) {
                        throw new NoteFormatException("the signature of " + key.name() + "+" + NoteKeys.hex(key.keyId())
                                + " does not verify");
                    }
                    verified.add(key);
                }
            }
        }
        if (verified.isEmpty()) {
            throw new NoteFormatException("no trusted key signed the note");
        }
        return new Opened(text, List.copyOf(verified));
    }

    /** A signed note's text and the trusted keys whose signatures on it verified. */
    public record Opened(String text, List<NoteVerifier> signedBy) {
    }

    private record Signed(String name, int keyId, byte[] signature) {
    }

    private static Signed signatureLine(String line) {
        if (!line.startsWith(DASH)) {
            throw new NoteFormatException("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new NoteFormatException("a signature line is '\u2014 <name> <base64>'");
        }
        String name = NoteKeys.checkName(rest.substring(0, space));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new NoteFormatException("a signature is not base64");
        }
        if (raw.length < 5) {
            throw new NoteFormatException("a signature is shorter than its key id");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new Signed(name, keyId, signature);
    }

    /** A note text: non-empty, ends in a newline, no blank line, no control character but newlines. */
    static void checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new NoteFormatException("a note text must end with a newline");
        }
        if (text.contains("\n\n") || text.startsWith("\n")) {
            throw new NoteFormatException("a note text has no blank lines");
        }
        if (text.chars().anyMatch(c -> (c < 0x20 && c != '\n') || c == 0x7f)) {
            throw new NoteFormatException("a note text has no control characters but newlines");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NoteFormatException("the note is not UTF-8");
        }
    }
}
