package io.veridict.verifier;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The fast path of {@link RecordDecoders}: decodes a record straight from its Avro binary,
 * field by field, when it was written with <em>exactly</em>
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
    private enum Layout { ENTRY_KEY, PAYLOAD_ENVELOPE, LEDGER_ENTRY, ENTRIES_UNION, OTHER }

    private static final int WIRE_HEADER_SIZE = 5;
    private static final int HASH_SIZE = 32;
    /** The current schemas by parsing canonical form: what decides the bytes, without docs, defaults or aliases. */
    private static final Map<String, Layout> CURRENT = Map.of(
            canonical(EntryKey.getClassSchema()), Layout.ENTRY_KEY,
            canonical(PayloadEnvelope.getClassSchema()), Layout.PAYLOAD_ENVELOPE,
            canonical(LedgerEntry.getClassSchema()), Layout.LEDGER_ENTRY,
            canonical(Schema.createUnion(List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema()))),
            Layout.ENTRIES_UNION);
    private static final List<String> ENTRY_TYPES =
            LedgerEntry.getClassSchema().getField("entry_type").schema().getEnumSymbols();

    private final SchemaRegistryClient registry;
    private final Map<Integer, Layout> layouts = new HashMap<>();

    DirectDecoders(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** @return the key, or null: use the general decoder */
    EntryKey keyOrNull(byte[] bytes) {
        return decode(bytes, Layout.ENTRY_KEY, in -> new EntryKey(in.string(), in.longValue()));
    }

    /** @return the envelope (its byte fields are copies), or null: use the general decoder */
    PayloadEnvelope payloadOrNull(byte[] bytes) {
        return decode(bytes, Layout.PAYLOAD_ENVELOPE, in -> {
            int version = in.intValue();
            String keyId = in.present() ? in.string() : null;
            ByteBuffer nonce = in.present() ? in.bytes() : null;
            ByteBuffer ciphertext = in.bytes();
            ByteBuffer salt = in.present() ? in.bytes() : null;
            return new PayloadEnvelope(version, keyId, nonce, ciphertext, salt);
        });
    }

    /**
     * @return the headers of an entries-topic value, field for field as written (one for a v1
     *         LedgerEntry record, each entry's for an EntryRun), or null: use the general decoder
     */
    List<EntryHeader> headersOrNull(byte[] bytes) {
        List<EntryHeader> single = decode(bytes, Layout.LEDGER_ENTRY, in -> List.of(header(in)));
        return single != null ? single : decode(bytes, Layout.ENTRIES_UNION, DirectDecoders::unionHeaders);
    }

    /** The union [LedgerEntry, EntryRun]: a branch index, then a header or an array of RunEntry. */
    private static List<EntryHeader> unionHeaders(Cursor in) {
        int branch = in.intValue();
        if (branch == 0) {
            return List.of(header(in));
        }
        if (branch != 1) {
            throw new Malformed();
        }
        List<EntryHeader> headers = new ArrayList<>();
        for (long block = in.longValue(); block != 0; block = in.longValue()) {
            if (block < 0) {
                block = -block;
                in.longValue(); // the block's size in bytes, not needed
            }
            for (long i = 0; i < block; i++) {
                headers.add(header(in));
                if (in.present()) { // the origin: command id, two digests, an optional digest, an optional label, an optional digest
                    in.string();
                    in.fixed(HASH_SIZE);
                    in.fixed(HASH_SIZE);
                    if (in.present()) {
                        in.fixed(HASH_SIZE);
                    }
                    if (in.present()) {
                        in.string();
                    }
                    if (in.present()) {
                        in.fixed(HASH_SIZE);
                    }
                }
            }
        }
        if (headers.isEmpty()) {
            throw new Malformed(); // a run holds at least one entry; the general decoder words it
        }
        return headers;
    }

    /** A LedgerEntry's fields, in schema order. */
    private static EntryHeader header(Cursor in) {
        int formatVersion = in.intValue();
        String tenantId = in.string();
        long seq = in.longValue();
        String entryId = in.string();
        int symbol = in.intValue();
        if (symbol < 0 || symbol >= ENTRY_TYPES.size()) {
            throw new Malformed();
        }
        String entryType = ENTRY_TYPES.get(symbol);
        long receivedAt = in.longValue();
        long recordedAt = in.longValue();
        String actorKeyId = in.present() ? in.string() : null;
        String correlationId = in.string();
        byte[] payloadHash = in.fixed(HASH_SIZE);
        byte[] leafHash = in.fixed(HASH_SIZE);
        byte[] prevChainHash = in.fixed(HASH_SIZE);
        byte[] chainHash = in.fixed(HASH_SIZE);
        return new EntryHeader(formatVersion, tenantId, seq, entryId, entryType, receivedAt, recordedAt, actorKeyId,
                correlationId, payloadHash, leafHash, prevChainHash, chainHash);
    }

    /** Reads one value of a layout's fields, in schema order. */
    @FunctionalInterface
    private interface Body<T> {
        T read(Cursor in);
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
            Cursor in = new Cursor(bytes, WIRE_HEADER_SIZE);
            T value = body.read(in);
            return in.atEnd() ? value : null;
        } catch (RuntimeException e) { // Malformed, or a value the generated class refuses
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

    private static String canonical(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }

    /**
     * Avro binary encoding (the specification's "Binary Encoding" section) read from a byte
     * array. Stricter than Avro's own decoder: a varint must be minimal, an {@code int} must fit
     * 32 bits, a length must fit what is left; anything else is {@link Malformed}, and the
     * general decoder then has the last word.
     */
    private static final class Cursor {
        private final byte[] bytes;
        private int at;

        Cursor(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        long longValue() {
            long raw = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= bytes.length || shift > 63) {
                    throw new Malformed();
                }
                int b = bytes[at++] & 0xFF;
                if (shift == 63 && b > 1) {
                    throw new Malformed();
                }
                raw |= (long) (b & 0x7F) << shift;
                if (b < 0x80) {
                    if (b == 0 && shift > 0) {
                        throw new Malformed(); // not minimal
                    }
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
        }

        int intValue() {
            long value = longValue();
            if (value != (int) value) {
                throw new Malformed();
            }
            return (int) value;
        }

        /** The branch of a {@code union { null, T }}: whether a {@code T} follows. */
        boolean present() {
            int branch = intValue();
            if (branch != 0 && branch != 1) {
                throw new Malformed();
            }
            return branch == 1;
        }

        String string() {
            int length = length();
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        ByteBuffer bytes() {
            int length = length();
            ByteBuffer value = ByteBuffer.wrap(Arrays.copyOfRange(bytes, at, at + length));
            at += length;
            return value;
        }

        byte[] fixed(int size) {
            if (bytes.length - at < size) {
                throw new Malformed();
            }
            byte[] value = Arrays.copyOfRange(bytes, at, at + size);
            at += size;
            return value;
        }

        boolean atEnd() {
            return at == bytes.length;
        }

        private int length() {
            long length = longValue();
            if (length < 0 || length > bytes.length - at) {
                throw new Malformed();
            }
            return (int) length;
        }
    }

    /** The bytes are not what the fast path reads; the general decoder decides. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
