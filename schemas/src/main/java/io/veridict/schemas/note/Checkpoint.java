package io.veridict.schemas.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The text of a C2SP {@code tlog-checkpoint}: the log's origin, the tree size in decimal, the
 * base64 root hash, then optional extension lines, each ending in a newline. Signed as a
 * {@link SignedNote}.
 *
 * @param origin     the log's unique name (for Veridict: one per tenant)
 * @param size       the number of leaves
 * @param rootHash   the RFC 9162 root of those leaves (32 bytes)
 * @param extensions further non-empty lines, in order
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.contains("\n") || origin.chars().anyMatch(c -> c < 0x20)) {
            throw new NoteFormatException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new NoteFormatException("a tree size is not negative");
        }
        if (rootHash == null || rootHash.length != 32) {
            throw new NoteFormatException("a root hash has 32 bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.contains("\n") || line.chars().anyMatch(c -> c < 0x20)) {
                throw new NoteFormatException("a checkpoint extension is one non-empty line");
            }
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** The root hash. */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The checkpoint's text, to sign. */
    public String text() {
        StringBuilder text = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * Parses a checkpoint text (a signed note's text, once opened).
     *
     * @throws NoteFormatException if it breaks the format
     */
    public static Checkpoint parse(String text) {
        SignedNote.checkText(text);
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new NoteFormatException("a checkpoint has an origin, a size and a root hash line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteFormatException("a checkpoint's size is a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new NoteFormatException("a checkpoint's size does not fit in 63 bits");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteFormatException("a checkpoint's root hash is not base64");
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new NoteFormatException("a checkpoint's root hash is not canonical base64");
        }
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return text();
    }
}
