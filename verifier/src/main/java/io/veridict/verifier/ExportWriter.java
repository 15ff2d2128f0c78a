package io.veridict.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.format.EntryHeader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes an export one entry at a time, so an export of any size streams in constant memory:
 * {@link #start} writes the header line, {@link #write} one entry line per entry, and
 * {@link #finish} the end line. The caller owns the stream: it is flushed by {@link #finish},
 * never closed.
 *
 * <p>The writer enforces what makes an export verifiable: every entry belongs to the header's
 * tenant, and the entries are exactly the seqs {@code from_seq .. to_seq}, in order. Not
 * thread-safe.
 *
 * @see "docs/export-format.md"
 */
public final class ExportWriter {

    private final Writer out;
    private final ExportHeader header;
    private long written;
    private boolean finished;

    private ExportWriter(Writer out, ExportHeader header) {
        this.out = out;
        this.header = header;
    }

    /**
     * Starts an export on a byte stream, encoded as UTF-8.
     *
     * @param out    where the lines go; buffered here, flushed by {@link #finish()}
     * @param header the tenant and range of the export
     * @return a writer that has written the header line
     * @throws IOException if writing fails
     */
    public static ExportWriter start(OutputStream out, ExportHeader header) throws IOException {
        return start(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), header);
    }

    /**
     * Starts an export on a character stream. The characters MUST end up encoded as UTF-8.
     *
     * @param out    where the lines go
     * @param header the tenant and range of the export
     * @return a writer that has written the header line
     * @throws IOException if writing fails
     */
    public static ExportWriter start(Writer out, ExportHeader header) throws IOException {
        ExportWriter writer = new ExportWriter(Objects.requireNonNull(out, "out"), Objects.requireNonNull(header, "header"));
        writer.writeLine(ExportFormat.headerLine(header));
        return writer;
    }

    /**
     * Writes the next entry line.
     *
     * @param entry         the Avro header of the entry with seq {@code from_seq + entriesWritten()}
     * @param payloadOrNull its canonical payload bytes, or null if erased
     * @param saltOrNull    the payload's salt (format version 2), or null
     * @throws IOException if writing fails
     * @see #write(EntryHeader, byte[], byte[])
     */
    public void write(LedgerEntry entry, byte[] payloadOrNull, byte[] saltOrNull) throws IOException {
        write(AvroHeaders.fromAvro(entry), payloadOrNull, saltOrNull);
    }

    /**
     * Writes the next entry line.
     *
     * @param entry         the header of the entry with seq {@code from_seq + entriesWritten()}
     * @param payloadOrNull its canonical payload bytes, or null if erased
     * @param saltOrNull    the payload's salt (format version 2), or null
     * @throws IllegalStateException    if the export is finished or already holds {@code to_seq}
     * @throws IllegalArgumentException if the entry is another tenant's or not the next seq, or
     *                                  the payload is not valid UTF-8
     * @throws IOException              if writing fails
     */
    public void write(EntryHeader entry, byte[] payloadOrNull, byte[] saltOrNull) throws IOException {
        requireOpen();
        long expectedSeq = header.fromSeq() + written;
        if (expectedSeq > header.toSeq()) {
            throw new IllegalStateException("the export ends at seq " + header.toSeq() + "; no more entries fit");
        }
        if (!entry.tenantId().equals(header.tenantId())) {
            throw new IllegalArgumentException("entry of tenant " + entry.tenantId() + " in an export of tenant " + header.tenantId());
        }
        if (entry.seq() != expectedSeq) {
            throw new IllegalArgumentException("expected the entry with seq " + expectedSeq + ", got seq " + entry.seq());
        }
        writeLine(ExportFormat.entryLine(entry, payloadOrNull, saltOrNull));
        written++;
    }

    /**
     * Writes the checkpoint line: the ledger's signed checkpoint of the tree the export's last entry
     * ends. After every entry, before {@link #finish()}, at most once.
     *
     * @param signedNote the checkpoint note with its signatures
     * @throws IllegalStateException if entries are missing, or the export is finished
     */
    public void checkpoint(String signedNote) throws IOException {
        requireOpen();
        if (written != header.entryCount()) {
            throw new IllegalStateException("the checkpoint line follows every entry: " + written + " of "
                    + header.entryCount() + " written");
        }
        writeLine(ExportFormat.checkpointLine(Objects.requireNonNull(signedNote, "signedNote")));
    }

    /**
     * Writes the end line and flushes. The stream stays open.
     *
     * @throws IllegalStateException if fewer entries were written than the header announced
     * @throws IOException           if writing fails
     */
    public void finish() throws IOException {
        requireOpen();
        if (written != header.entryCount()) {
            throw new IllegalStateException("the header announces " + header.entryCount() + " entries, "
                    + written + " were written");
        }
        writeLine(ExportFormat.endLine(written));
        out.flush();
        finished = true;
    }

    /** @return how many entry lines were written so far */
    public long entriesWritten() {
        return written;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
    }

    private void writeLine(ObjectNode line) throws IOException {
        out.write(ExportFormat.JSON.writeValueAsString(line));
        out.write('\n');
    }
}
