package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.ChainVerifier;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.serde.ConfluentAvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Entry headers are decoded with the writer's schema, so a symbol the reader does not know is hashed as written. */
class EntryHeaderDecoderTest {

    private static final int CURRENT_ID = 7;
    private static final int NEWER_ID = 8;
    private static final Schema NEWER_WRITER = new Schema.Parser().parse(LedgerEntry.getClassSchema().toString()
            .replace("\"RETENTION_OPERATION\",\"POLICY_OPERATION\"]", "\"RETENTION_OPERATION\",\"POLICY_OPERATION\",\"LEGAL_HOLD\"]"));

    private final FakeRegistry registry = new FakeRegistry(Map.of(CURRENT_ID, LedgerEntry.getClassSchema(), NEWER_ID, NEWER_WRITER));
    private final EntryHeaderDecoder decoder = new EntryHeaderDecoder(registry);

    @Test
    void shouldHashAnEntryTypeAddedByANewerWriterExactlyAsWritten() throws Exception {
        EntryHeader written = header("LEGAL_HOLD", null);
        byte[] record = encode(NEWER_ID, NEWER_WRITER, written);

        EntryHeader decoded = decoder.decode(record).get(0);

        assertThat(decoded).isEqualTo(written);
        ChainVerifier verifier = ChainVerifier.fromGenesis("acme").headersOnly();
        verifier.accept(decoded, null);
        assertThat(verifier.finish().isValid()).isTrue();
        // What the reader schema would have made of it: the default symbol, and a broken leaf hash.
        LedgerEntry resolved = new ConfluentAvroDeserializer<>(registry, LedgerEntry.class).deserialize("t", record);
        assertThat(AvroHeaders.fromAvro(resolved).entryType()).isEqualTo("UNKNOWN");
    }

    @Test
    void shouldDecodeTheCurrentSchemaIncludingANullActor() throws Exception {
        EntryHeader written = header("DECISION", null);

        assertThat(decoder.decode(encode(CURRENT_ID, LedgerEntry.getClassSchema(), written))).containsExactly(written);
        EntryHeader withActor = header("KEY_OPERATION", "key_live_1");
        assertThat(decoder.decode(encode(CURRENT_ID, LedgerEntry.getClassSchema(), withActor))).containsExactly(withActor);
    }

    @Test
    void shouldCallBytesThatAreNotAnEntryUnreadable() throws Exception {
        byte[] good = encode(CURRENT_ID, LedgerEntry.getClassSchema(), header("DECISION", null));
        byte[] truncated = ByteBuffer.allocate(good.length - 3).put(good, 0, good.length - 3).array();
        byte[] trailing = ByteBuffer.allocate(good.length + 1).put(good).put((byte) 0).array();

        assertUnreadable(null, "tombstone");
        assertUnreadable("plain text".getBytes(StandardCharsets.UTF_8), "not in the Confluent wire format");
        assertUnreadable(wire(99, new byte[] {1}), "knows no schema id 99");
        assertUnreadable(truncated, "does not decode with writer schema id 7");
        assertUnreadable(trailing, "trailing bytes");
        Schema notAnEntry = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        EntryHeaderDecoder other = new EntryHeaderDecoder(new FakeRegistry(Map.of(3, notAnEntry)));
        assertThatThrownBy(() -> other.decode(wire(3, new byte[] {2}))).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("has no field format_version");
    }

    @Test
    void shouldTellARegistryThatCannotAnswerFromABadRecord() {
        EntryHeaderDecoder down = new EntryHeaderDecoder(new FakeRegistry(Map.of()) {
            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException("GET /schemas/ids/" + id + ": connection refused", 0, -1, true, null);
            }
        });

        assertThatThrownBy(() -> down.decode(wire(5, new byte[] {1}))).isInstanceOf(ReplayException.class)
                .hasMessageContaining("connection refused");
    }

    private void assertUnreadable(byte[] value, String problem) {
        assertThatThrownBy(() -> decoder.decode(value)).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining(problem);
    }

    private static EntryHeader header(String type, String actor) {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        return EntryHeader.seal(LedgerFormat.VERSION_1, "acme", 0, "0197a3c1-7e00-7000-8000-000000000001", type,
                1_750_000_000_000L, 1_750_000_000_004L, actor, "req-1", LedgerHashes.payloadHash(payload),
                ChainHead.genesis("acme").chainHash());
    }

    /** The header as a writer with {@code schema} (registered as {@code id}) would put it on the topic. */
    private static byte[] encode(int id, Schema schema, EntryHeader h) throws IOException {
        GenericRecord r = new GenericData.Record(schema);
        r.put("format_version", h.formatVersion());
        r.put("tenant_id", h.tenantId());
        r.put("seq", h.seq());
        r.put("entry_id", h.entryId());
        r.put("entry_type", new GenericData.EnumSymbol(schema.getField("entry_type").schema(), h.entryType()));
        r.put("received_at", h.receivedAtMs());
        r.put("recorded_at", h.recordedAtMs());
        r.put("actor_key_id", h.actorKeyIdOrNull());
        r.put("correlation_id", h.correlationId());
        Schema sha = schema.getField("payload_hash").schema();
        r.put("payload_hash", new GenericData.Fixed(sha, h.payloadHash()));
        r.put("leaf_hash", new GenericData.Fixed(sha, h.leafHash()));
        r.put("prev_chain_hash", new GenericData.Fixed(sha, h.prevChainHash()));
        r.put("chain_hash", new GenericData.Fixed(sha, h.chainHash()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return wire(id, body.toByteArray());
    }

    private static byte[] wire(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    /** A registry that knows a fixed set of schemas and is never contacted. */
    static class FakeRegistry extends SchemaRegistryClient {

        private final Map<Integer, Schema> schemas;

        FakeRegistry(Map<Integer, Schema> schemas) {
            super(SchemaRegistrySettings.forUrl("http://localhost:9"));
            this.schemas = schemas;
        }

        @Override
        public Schema schemaById(int id) {
            Schema schema = schemas.get(id);
            if (schema == null) {
                throw new SchemaRegistryException("GET /schemas/ids/" + id + ": not found", 404,
                        SchemaRegistryException.SCHEMA_NOT_FOUND, false, null);
            }
            return schema;
        }
    }
}
