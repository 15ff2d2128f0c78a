package io.veridict.verifier;

import io.veridict.schemas.format.EntryHeader;
import java.util.Objects;

/**
 * One entry line of an export, as read.
 *
 * @param header        the entry's header, exactly as the line states it (not verified)
 * @param payloadOrNull the canonical payload bytes (UTF-8 of the line's {@code payload} string),
 *                      or {@code null} when the payload was erased; not copied
 * @param saltOrNull    the payload's salt (the line's {@code payload_salt}, format version 2
 *                      entries), or {@code null} when the line has none; not copied
 * @param lineNumber    the 1-based line number of the entry in the file
 * @see "docs/export-format.md"
 */
public record ExportEntry(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull, long lineNumber) {

    public ExportEntry {
        Objects.requireNonNull(header, "header");
    }
}
