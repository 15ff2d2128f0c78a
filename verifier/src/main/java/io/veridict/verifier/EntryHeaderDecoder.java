package io.veridict.verifier;

import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes values of the entries topic (Confluent wire format) into {@link EntryHeader}s with
 * the <em>writer's</em> schema, fetched from the registry by the id in the record, through
 * Avro's generic reader. A value is a {@code LedgerEntry} (one header, as v1 wrote them) or, under
 * the union [LedgerEntry, EntryRun], either of the two: an {@code EntryRun} gives the header of each
 * of its entries, in order (docs/ledger-format.md §14). No reader schema is involved, so an {@code entry_type} symbol added
 * by a newer writer is hashed exactly as written, never resolved to {@code UNKNOWN} (spec §6).
 * Fields are found by their Avro names; a writer schema lacking one is an unreadable record.
 *
 * <p>Not thread-safe: one instance per reading thread.
 *
 * @see "docs/ledger-format.md §6 Entry leaf"
 */
final class EntryHeaderDecoder {

    private static final int WIRE_HEADER_SIZE = 5;
    private static final List<String> FIELDS = List.of("format_version", "tenant_id", "seq", "entry_id", "entry_type",
            "received_at", "recorded_at", "actor_key_id", "correlation_id", "payload_hash", "leaf_hash",
            "prev_chain_hash", "chain_hash");

    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    EntryHeaderDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * @param value the record's value
     * @return the headers, field for field as written, in order (at least one)
     * @throws UnreadableRecordException if the bytes are not a wire-format entries-topic value
     * @throws ReplayException           if the registry cannot be asked for the writer schema
     */
    List<EntryHeader> decode(byte[] value) throws UnreadableRecordException, ReplayException {
        if (value == null) {
            throw new UnreadableRecordException("null value (a tombstone) where an entry header belongs");
        }
        if (value.length < WIRE_HEADER_SIZE || value[0] != 0) {
            throw new UnreadableRecordException("not in the Confluent wire format (magic byte 0 and a 4-byte schema id)");
        }
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        GenericDatumReader<GenericRecord> reader = readerFor(schemaId);
        decoder = DecoderFactory.get().binaryDecoder(value, WIRE_HEADER_SIZE, value.length - WIRE_HEADER_SIZE, decoder);
        GenericRecord record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UnreadableRecordException("trailing bytes after the entry written with schema id " + schemaId);
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException("the Avro body does not decode with writer schema id " + schemaId
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            if (record.getSchema().getField("entries") == null) {
                return List.of(toHeader(record));
            }
            List<EntryHeader> headers = new ArrayList<>();
            for (Object entry : (List<?>) record.get("entries")) {
                headers.add(toHeader((GenericRecord) ((GenericRecord) entry).get("header")));
            }
            if (headers.isEmpty()) {
                throw new UnreadableRecordException("a run of entries written with schema id " + schemaId + " holds none");
            }
            return headers;
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new UnreadableRecordException("an entry written with schema id " + schemaId
                    + " has a field of the wrong type or size: " + e.getMessage());
        }
    }

    private GenericDatumReader<GenericRecord> readerFor(int schemaId) throws UnreadableRecordException, ReplayException {
        GenericDatumReader<GenericRecord> reader = readers.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isSchemaNotFound()) {
                throw new UnreadableRecordException("the registry knows no schema id " + schemaId);
            }
            throw new ReplayException("the schema registry failed while fetching schema id " + schemaId + ": "
                    + e.getMessage(), e);
        }
        requireEntriesValue(writer, schemaId);
        reader = new GenericDatumReader<>(writer, writer, GenericData.get());
        readers.put(schemaId, reader);
        return reader;
    }

    /**
     * A LedgerEntry record, or a union whose branches are a LedgerEntry record and an EntryRun
     * record (a record whose {@code entries} array holds records with a LedgerEntry {@code header}).
     */
    private static void requireEntriesValue(Schema writer, int schemaId) throws UnreadableRecordException {
        List<Schema> branches = writer.getType() == Schema.Type.UNION ? writer.getTypes() : List.of(writer);
        for (Schema branch : branches) {
            if (branch.getType() != Schema.Type.RECORD) {
                throw new UnreadableRecordException("schema id " + schemaId + " has a " + branch.getType()
                        + " where a LedgerEntry or EntryRun record belongs");
            }
            Schema header = branch;
            Schema.Field entries = branch.getField("entries");
            if (entries != null) {
                Schema items = entries.schema().getType() == Schema.Type.ARRAY ? entries.schema().getElementType() : null;
                Schema.Field headerField = items != null && items.getType() == Schema.Type.RECORD ? items.getField("header") : null;
                if (headerField == null || headerField.schema().getType() != Schema.Type.RECORD) {
                    throw new UnreadableRecordException("schema id " + schemaId + " has an 'entries' field that is not"
                            + " an array of records with a 'header': not an EntryRun");
                }
                header = headerField.schema();
            }
            for (String field : FIELDS) {
                if (header.getField(field) == null) {
                    throw new UnreadableRecordException("schema id " + schemaId + " has no field " + field
                            + ": not a LedgerEntry");
                }
            }
        }
    }

    private static EntryHeader toHeader(GenericRecord r) {
        Object actor = r.get("actor_key_id");
        return new EntryHeader((Integer) r.get("format_version"), text(r, "tenant_id"), (Long) r.get("seq"),
                text(r, "entry_id"), text(r, "entry_type"), (Long) r.get("received_at"), (Long) r.get("recorded_at"),
                actor == null ? null : ((CharSequence) actor).toString(), text(r, "correlation_id"),
                hash(r, "payload_hash"), hash(r, "leaf_hash"), hash(r, "prev_chain_hash"), hash(r, "chain_hash"));
    }

    /** A string, or an enum symbol as written (GenericEnumSymbol's text is its symbol). */
    private static String text(GenericRecord r, String field) {
        Object value = r.get(field);
        if (value instanceof CharSequence || value instanceof GenericData.EnumSymbol) {
            return value.toString();
        }
        throw new IllegalArgumentException(field + " is not a string");
    }

    private static byte[] hash(GenericRecord r, String field) {
        return ((GenericFixed) r.get(field)).bytes();
    }
}
