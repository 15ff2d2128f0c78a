package io.veridict.streams.audit;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The fast path of {@link RecordDecoders}: decodes a record straight from its Avro binary,
 * field by field with Avro's {@link BinaryDecoder}, when it was written with <em>exactly</em>
 * the current schema of its type (the same parsing canonical form, so the same bytes for the
 * same values). There is then nothing to resolve, so no resolving reader, no reflection and no
 * intermediate record are needed; the result equals what the general decoders make of it.
 *
 * <p>Every other record, written with an older or newer schema or not decodable here, yields
 * {@code null}, and the caller MUST fall back to the general decoders, which also word every
 * error: a bad record is reported exactly as without this class.
 *
 * <p>Not thread-safe: one instance per reading thread.
 */
final class DirectDecoders {

    /** What a writer schema is, as far as this class is concerned. */
    private enum Layout { ENTRY_KEY, PAYLOAD_ENVELOPE, LEDGER_ENTRY, OTHER }

    private static final int WIRE_HEADER_SIZE = 5;
    private static final int HASH_SIZE = 32;
    /** The current schemas by parsing canonical form: what decides the bytes, without docs, defaults or aliases. */
    private static final Map<String, Layout> CURRENT = Map.of(
            canonical(EntryKey.getClassSchema()), Layout.ENTRY_KEY,
            canonical(PayloadEnvelope.getClassSchema()), Layout.PAYLOAD_ENVELOPE,
            canonical(LedgerEntry.getClassSchema()), Layout.LEDGER_ENTRY);
    private static final List<String> ENTRY_TYPES =
            LedgerEntry.getClassSchema().getField("entry_type").schema().getEnumSymbols();

    private final SchemaRegistryClient registry;
    private final Map<Integer, Layout> layouts = new HashMap<>();
    private BinaryDecoder decoder;

    DirectDecoders(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** @return the key, or null: use the general decoder */
    EntryKey keyOrNull(byte[] bytes) {
        return decode(bytes, Layout.ENTRY_KEY, in -> new EntryKey(in.readString(), in.readLong()));
    }

    /** @return the envelope (its byte fields are copies), or null: use the general decoder */
    PayloadEnvelope payloadOrNull(byte[] bytes) {
        return decode(bytes, Layout.PAYLOAD_ENVELOPE, in -> {
            int version = in.readInt();
            String keyId = present(in) ? in.readString() : null;
            ByteBuffer nonce = present(in) ? in.readBytes(null) : null;
            return new PayloadEnvelope(version, keyId, nonce, in.readBytes(null));
        });
    }

    /** @return the header, field for field as written, or null: use the general decoder */
    EntryHeader headerOrNull(byte[] bytes) {
        return decode(bytes, Layout.LEDGER_ENTRY, in -> {
            int formatVersion = in.readInt();
            String tenantId = in.readString();
            long seq = in.readLong();
            String entryId = in.readString();
            String entryType = ENTRY_TYPES.get(in.readEnum());
            long receivedAt = in.readLong();
            long recordedAt = in.readLong();
            String actorKeyId = present(in) ? in.readString() : null;
            String correlationId = in.readString();
            byte[] payloadHash = hash(in);
            byte[] leafHash = hash(in);
            byte[] prevChainHash = hash(in);
            byte[] chainHash = hash(in);
            return new EntryHeader(formatVersion, tenantId, seq, entryId, entryType, receivedAt, recordedAt, actorKeyId,
                    correlationId, payloadHash, leafHash, prevChainHash, chainHash);
        });
    }

    /** Reads one value of a layout's fields, in schema order. */
    @FunctionalInterface
    private interface Body<T> {
        T read(BinaryDecoder in) throws IOException;
    }

    /**
     * The value {@code body} reads from {@code bytes} when they were written with the current
     * schema of {@code layout} and hold exactly that value; otherwise null.
     */
    private <T> T decode(byte[] bytes, Layout layout, Body<T> body) {
        if (!has(bytes, layout)) {
            return null;
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, WIRE_HEADER_SIZE, bytes.length - WIRE_HEADER_SIZE, decoder);
            T value = body.read(decoder);
            return decoder.isEnd() ? value : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code bytes} are in the wire format with a schema id of the current {@code layout}. */
    private boolean has(byte[] bytes, Layout layout) {
        if (bytes == null || bytes.length < WIRE_HEADER_SIZE || bytes[0] != 0) {
            return false;
        }
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Layout known = layouts.get(schemaId);
        if (known == null) {
            known = layoutOf(schemaId);
            if (known == null) {
                return false;
            }
            layouts.put(schemaId, known);
        }
        return known == layout;
    }

    /** The layout of a schema id, or null (not remembered) when the registry cannot answer now. */
    private Layout layoutOf(int schemaId) {
        try {
            return CURRENT.getOrDefault(canonical(registry.schemaById(schemaId)), Layout.OTHER);
        } catch (SchemaRegistryException e) {
            return e.isSchemaNotFound() ? Layout.OTHER : null;
        }
    }

    /** Reads the branch of a {@code union { null, T }}: whether a {@code T} follows. */
    private static boolean present(BinaryDecoder in) throws IOException {
        int branch = in.readIndex();
        if (branch != 0 && branch != 1) {
            throw new IOException("no union branch " + branch);
        }
        return branch == 1;
    }

    private static byte[] hash(BinaryDecoder in) throws IOException {
        byte[] hash = new byte[HASH_SIZE];
        in.readFixed(hash);
        return hash;
    }

    private static String canonical(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }
}
