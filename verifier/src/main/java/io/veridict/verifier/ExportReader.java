package io.veridict.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an export line by line, in constant memory besides the longest line. {@link #open}
 * reads the header line; {@link #next()} returns the entry lines in file order, then empty
 * once the end line was read and checked.
 *
 * <p>Every departure from the format is an {@link ExportFormatException} naming the line:
 * malformed JSON, a missing, mistyped or unknown member, an unknown line type, invalid UTF-8,
 * a file that ends without the end line (truncated), a checkpoint line before an entry line or
 * twice (or in an export before version 3), an end line whose count differs from the
 * entry lines read or from the header's range, anything after the end line. The entries
 * themselves are not verified here (see {@link ExportVerifier}). Lines end with {@code \n}
 * (a {@code \r} before it is tolerated) and are at most {@value #MAX_LINE_BYTES} bytes long.
 * Not thread-safe.
 *
 * @see "docs/export-format.md"
 */
public final class ExportReader implements Closeable {

    /** The longest line accepted, in bytes: 16 MiB. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private ExportHeader header;
    private int version;
    private long line;
    private long entries;
    private boolean ended;
    private String checkpointNote;
    private long checkpointLine;

    private ExportReader(InputStream in) {
        this.in = in;
    }

    /**
     * Opens an export and reads its header line.
     *
     * @param in the export's bytes; closed by {@link #close()}
     * @return a reader positioned after the header line
     * @throws ExportFormatException if the first line is not the header of an export version this reader knows
     * @throws IOException           if reading fails
     */
    public static ExportReader open(InputStream in) throws IOException {
        ExportReader export = new ExportReader(new BufferedInputStream(in));
        String first = export.readLine();
        if (first == null) {
            throw new ExportFormatException(1, "empty file: not a Veridict export");
        }
        JsonNode node = ExportLineParser.object(first, 1);
        export.header = ExportLineParser.header(node, 1);
        export.version = ExportLineParser.version(node);
        return export;
    }

    /** @return the header line's content */
    public ExportHeader header() {
        return header;
    }

    /**
     * Reads the next entry line.
     *
     * @return the entry, or empty once the end line was read and found consistent
     * @throws ExportFormatException if the next line breaks the format
     * @throws IOException           if reading fails
     */
    public Optional<ExportEntry> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        String text = readLine();
        if (text == null) {
            throw new ExportFormatException(line + 1, "the file ends after " + entries
                    + " entries without the end line: it is truncated");
        }
        JsonNode node = ExportLineParser.object(text, line);
        String type = ExportLineParser.type(node, line);
        if (ExportFormat.TYPE_ENTRY.equals(type)) {
            entries++;
            return Optional.of(ExportLineParser.entry(node, line, version));
        }
        if (ExportFormat.TYPE_END.equals(type)) {
            checkEnd(ExportLineParser.endCount(node, line));
            return Optional.empty();
        }
        if (ExportFormat.TYPE_CHECKPOINT.equals(type) && version >= ExportFormat.VERSION) {
            if (checkpointNote != null) {
                throw new ExportFormatException(line, "a second checkpoint line");
            }
            checkpointNote = ExportLineParser.checkpointNote(node, line);
            checkpointLine = line;
            Optional<ExportEntry> after = next();
            if (after.isPresent()) {
                throw new ExportFormatException(after.get().lineNumber(), "an entry line after the checkpoint line");
            }
            return after;
        }
        throw new ExportFormatException(line, "unknown line type \"" + type + "\"");
    }

    /**
     * The signed checkpoint note of the checkpoint line (version 3), once the end line was read;
     * null when the export has none.
     */
    public String checkpointNoteOrNull() {
        return checkpointNote;
    }

    /** The checkpoint line's number, or 0. */
    public long checkpointLine() {
        return checkpointLine;
    }

    /** @return the number of the last line read (1 is the header line) */
    public long lineNumber() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void checkEnd(long count) throws IOException {
        long endLine = line;
        if (count != entries) {
            throw new ExportFormatException(endLine, "the end line counts " + count + " entries, the file holds " + entries);
        }
        if (entries != header.entryCount()) {
            throw new ExportFormatException(endLine, "the header announces seqs " + header.fromSeq() + ".." + header.toSeq()
                    + " (" + header.entryCount() + " entries), the file holds " + entries);
        }
        if (readLine() != null) {
            throw new ExportFormatException(line, "data after the end line");
        }
        ended = true;
    }

    /** The next line without its terminator, decoded strictly as UTF-8; null at the end of input. */
    private String readLine() throws IOException {
        lineBytes.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        line++;
        while (b >= 0 && b != '\n') {
            if (lineBytes.size() == MAX_LINE_BYTES) {
                throw new ExportFormatException(line, "longer than " + MAX_LINE_BYTES + " bytes");
            }
            lineBytes.write(b);
            b = in.read();
        }
        byte[] bytes = lineBytes.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ExportFormatException(line, "not valid UTF-8");
        }
    }
}
