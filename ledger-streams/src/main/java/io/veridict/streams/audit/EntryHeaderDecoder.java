package io.veridict.streams.audit;

import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * Avro's generic reader. No reader schema is involved, so an {@code entry_type} symbol added
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
     * @return the header, field for field as written
     * @throws UnreadableRecordException if the bytes are not a wire-format {@code LedgerEntry}
     * @throws ReplayException           if the registry cannot be asked for the writer schema
     */
    EntryHeader decode(byte[] value) throws UnreadableRecordException, ReplayException {
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
            return toHeader(record);
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
        if (writer.getType() != Schema.Type.RECORD) {
            throw new UnreadableRecordException("schema id " + schemaId + " is a " + writer.getType() + ", not a LedgerEntry record");
        }
        for (String field : FIELDS) {
            if (writer.getField(field) == null) {
                throw new UnreadableRecordException("schema id " + schemaId + " has no field " + field + ": not a LedgerEntry");
            }
        }
        reader = new GenericDatumReader<>(writer, writer, GenericData.get());
        readers.put(schemaId, reader);
        return reader;
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
