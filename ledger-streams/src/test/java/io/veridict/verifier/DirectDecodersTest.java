package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.registry.SchemaRegistryException;
import io.veridict.schemas.serde.ConfluentAvroDeserializer;
import io.veridict.schemas.serde.TrustedSpecificData;
import io.veridict.streams.chain.Receipts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The fast path decodes exactly what the general decoders decode, and hands everything else back to them. */
class DirectDecodersTest {

    private static final int KEY_ID = 1;
    private static final int ENVELOPE_ID = 2;
    private static final int ENTRY_ID = 3;
    private static final int NEWER_ENTRY_ID = 4;
    private static final int UNION_ID = 5;
    private static final int V1_ENVELOPE_ID = 6;
    /** The envelope as written before payload salts existed: the same fields without {@code salt}. */
    private static final Schema V1_ENVELOPE = Schema.createRecord(PayloadEnvelope.getClassSchema().getName(), null,
            PayloadEnvelope.getClassSchema().getNamespace(), false, PayloadEnvelope.getClassSchema().getFields().stream()
                    .filter(f -> !f.name().equals("salt")).map(f -> new Schema.Field(f, f.schema())).toList());
    private static final Schema UNION = Schema.createUnion(List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema()));
    private static final Schema NEWER_ENTRY = new Schema.Parser().parse(LedgerEntry.getClassSchema().toString()
            .replace("\"RETENTION_OPERATION\",\"POLICY_OPERATION\"]", "\"RETENTION_OPERATION\",\"POLICY_OPERATION\",\"LEGAL_HOLD\"]"));
    /** The current schema as a registry may hand it out: another doc, no defaults. The bytes are the same. */
    private static final Schema KEY_REWORDED = new Schema.Parser().parse(EntryKey.getClassSchema().toString()
            .replace("Key of entries and payloads", "The key"));

    private final Map<Integer, Schema> schemas = new HashMap<>(Map.of(KEY_ID, KEY_REWORDED,
            ENVELOPE_ID, PayloadEnvelope.getClassSchema(), ENTRY_ID, LedgerEntry.getClassSchema(), NEWER_ENTRY_ID, NEWER_ENTRY,
            UNION_ID, UNION, V1_ENVELOPE_ID, V1_ENVELOPE));
    private final EntryHeaderDecoderTest.FakeRegistry registry = new EntryHeaderDecoderTest.FakeRegistry(schemas);
    private final DirectDecoders direct = new DirectDecoders(registry);

    @Test
    void shouldDecodeKeysAndEnvelopesAsTheConfluentDeserializerDoes() throws Exception {
        byte[] key = wire(KEY_ID, new EntryKey("zoë-tenant", 1L << 40));
        byte[] clear = wire(ENVELOPE_ID, new PayloadEnvelope(1, null, null, utf8("{\"a\":1}"), null));
        byte[] sealed = wire(ENVELOPE_ID, new PayloadEnvelope(1, "k-7", utf8("nonce"), utf8("secret"), null));
        byte[] salted = wire(ENVELOPE_ID, new PayloadEnvelope(1, null, null, utf8("{\"a\":1}"), ByteBuffer.wrap(new byte[32])));

        assertThat(direct.keyOrNull(key))
                .isEqualTo(new ConfluentAvroDeserializer<>(registry, EntryKey.class).deserialize("t", key));
        ConfluentAvroDeserializer<PayloadEnvelope> envelopes = new ConfluentAvroDeserializer<>(registry, PayloadEnvelope.class);
        assertThat(direct.payloadOrNull(clear)).isEqualTo(envelopes.deserialize("t", clear));
        assertThat(direct.payloadOrNull(sealed)).isEqualTo(envelopes.deserialize("t", sealed));
        assertThat(direct.payloadOrNull(salted)).isEqualTo(envelopes.deserialize("t", salted));
        assertThat(direct.payloadOrNull(salted).getSalt().remaining()).isEqualTo(32);
    }

    @Test
    void shouldLeaveAnEnvelopeWrittenBeforeSaltsToTheGeneralDecoderWhichReadsNoSalt() throws Exception {
        byte[] current = wire(ENVELOPE_ID, new PayloadEnvelope(1, null, null, utf8("{\"a\":1}"), null));
        byte[] old = Arrays.copyOf(current, current.length - 1); // without the salt's union branch
        ByteBuffer.wrap(old).putInt(1, V1_ENVELOPE_ID);

        assertThat(direct.payloadOrNull(old)).isNull();
        PayloadEnvelope read = new ConfluentAvroDeserializer<>(registry, PayloadEnvelope.class).deserialize("t", old);
        assertThat(read.getSalt()).isNull();
        assertThat(read.getCiphertext()).isEqualTo(utf8("{\"a\":1}"));
    }

    @Test
    void shouldDecodeHeadersAsTheWriterSchemaDecoderDoes() throws Exception {
        EntryHeaderDecoder general = new EntryHeaderDecoder(registry);
        for (String actor : new String[] {null, "key_live_1"}) {
            byte[] record = wire(ENTRY_ID, entry(header(actor)));

            assertThat(direct.headersOrNull(record)).isEqualTo(general.decode(record)).isEqualTo(List.of(header(actor)));
        }
    }

    @Test
    void shouldDecodeRunsAndSingleEntriesUnderTheUnionAsTheWriterSchemaDecoderDoes() throws Exception {
        EntryHeaderDecoder general = new EntryHeaderDecoder(registry);
        EntryHeader first = header(null);
        EntryHeader second = header("key_live_1");
        byte[] run = unionWire(new EntryRun(List.of(new RunEntry(entry(first), origin(true)), new RunEntry(entry(second), null))));
        byte[] single = unionWire(entry(first));
        byte[] empty = unionWire(new EntryRun(List.of()));

        assertThat(direct.headersOrNull(run)).isEqualTo(general.decode(run)).containsExactly(first, second);
        assertThat(direct.headersOrNull(single)).isEqualTo(general.decode(single)).containsExactly(first);
        assertThat(direct.headersOrNull(empty)).isNull();
        assertThatThrownBy(() -> general.decode(empty)).isInstanceOf(UnreadableRecordException.class).hasMessageContaining("holds none");
    }

    @Test
    void shouldDecodeDamagedRunsEitherAsTheGeneralDecoderDoesOrNotAtAll() throws Exception {
        EntryHeaderDecoder headers = new EntryHeaderDecoder(registry);
        byte[] run = unionWire(new EntryRun(List.of(new RunEntry(entry(header("k")), origin(true)),
                new RunEntry(entry(header(null)), origin(false)))));
        java.util.Random random = new java.util.Random(20261207);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = damage(run, random);
            List<EntryHeader> fast = direct.headersOrNull(damaged);
            if (fast != null) {
                decoded++;
                assertThat(fast).isEqualTo(headers.decode(damaged));
            }
        }
        assertThat(decoded).isGreaterThan(1_000);
    }

    @Test
    void shouldLeaveRecordsOfOtherSchemasToTheGeneralDecoders() throws Exception {
        byte[] newer = wire(NEWER_ENTRY_ID, entry(header(null)));
        byte[] unknownId = wire(99, new EntryKey("acme", 0L));

        assertThat(direct.headersOrNull(newer)).isNull();
        assertThat(direct.keyOrNull(wire(ENTRY_ID, entry(header(null))))).isNull();
        assertThat(direct.keyOrNull(unknownId)).isNull();
    }

    @Test
    void shouldLeaveBytesItCannotDecodeToTheGeneralDecoders() throws Exception {
        byte[] good = wire(ENTRY_ID, entry(header(null)));
        byte[] key = wire(KEY_ID, new EntryKey("acme", 3L));
        byte[] envelope = wire(ENVELOPE_ID, new PayloadEnvelope(1, null, null, utf8("{}"), null));
        byte[] badUnion = envelope.clone();
        badUnion[6] = 4; // key_id's union branch 2: no such branch

        assertThat(direct.headersOrNull(Arrays.copyOf(good, good.length - 3))).isNull();
        assertThat(direct.headersOrNull(Arrays.copyOf(good, good.length + 1))).isNull();
        assertThat(direct.keyOrNull(Arrays.copyOf(key, key.length + 1))).isNull();
        assertThat(direct.payloadOrNull(badUnion)).isNull();
        assertThat(direct.headersOrNull(wire(ENTRY_ID, new EntryKey("acme", 0L)))).isNull();
        assertThat(direct.headersOrNull(null)).isNull();
        assertThat(direct.headersOrNull("plain text".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(direct.headersOrNull(new byte[] {0, 0, 0})).isNull();
    }

    @Test
    void shouldDecodeExtremeValuesAndLeaveNonMinimalVarintsToTheGeneralDecoders() throws Exception {
        for (long seq : new long[] {0, 63, 64, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(direct.keyOrNull(wire(KEY_ID, new EntryKey("acme", seq)))).isEqualTo(new EntryKey("acme", seq));
        }
        byte[] key = wire(KEY_ID, new EntryKey("", 0L)); // header, string length 0, seq 0
        byte[] padded = Arrays.copyOf(key, key.length + 1);
        padded[key.length - 1] = (byte) 0x80; // seq 0 written in two bytes: valid Avro, not what an encoder writes
        padded[key.length] = 0;

        assertThat(direct.keyOrNull(key)).isEqualTo(new EntryKey("", 0L));
        assertThat(direct.keyOrNull(padded)).isNull();
        assertThat(new ConfluentAvroDeserializer<>(registry, EntryKey.class).deserialize("t", padded))
                .isEqualTo(new EntryKey("", 0L));
    }

    @Test
    void shouldDecodeDamagedRecordsEitherAsTheGeneralDecodersDoOrNotAtAll() throws Exception {
        EntryHeaderDecoder headers = new EntryHeaderDecoder(registry);
        ConfluentAvroDeserializer<PayloadEnvelope> envelopes = new ConfluentAvroDeserializer<>(registry, PayloadEnvelope.class);
        byte[] entry = wire(ENTRY_ID, entry(header("key_live_1")));
        byte[] envelope = wire(ENVELOPE_ID, new PayloadEnvelope(1, "k-7", utf8("nonce"), utf8("{\"a\":[1,2,3]}"),
                ByteBuffer.wrap(new byte[32])));
        java.util.Random random = new java.util.Random(20261123);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] damagedEntry = damage(entry, random);
            List<EntryHeader> fast = direct.headersOrNull(damagedEntry);
            if (fast != null) {
                decoded++;
                assertThat(fast).isEqualTo(headers.decode(damagedEntry));
            }
            byte[] damagedEnvelope = damage(envelope, random);
            PayloadEnvelope fastEnvelope = direct.payloadOrNull(damagedEnvelope);
            if (fastEnvelope != null) {
                decoded++;
                assertThat(fastEnvelope).isEqualTo(envelopes.deserialize("t", damagedEnvelope));
            }
        }
        assertThat(decoded).as("damage that leaves a decodable record is common").isGreaterThan(1_000);
    }

    /** One changed byte (after the wire header) or a cut end. */
    private static byte[] damage(byte[] record, java.util.Random random) {
        if (random.nextInt(8) == 0) {
            return Arrays.copyOf(record, 5 + random.nextInt(record.length - 5));
        }
        byte[] damaged = record.clone();
        damaged[5 + random.nextInt(record.length - 5)] = (byte) random.nextInt(256);
        return damaged;
    }

    @Test
    void shouldAskTheRegistryAgainAfterItCouldNotAnswer() throws Exception {
        boolean[] down = {true};
        DirectDecoders flaky = new DirectDecoders(new EntryHeaderDecoderTest.FakeRegistry(schemas) {
            @Override
            public Schema schemaById(int id) {
                if (down[0]) {
                    throw new SchemaRegistryException("GET /schemas/ids/" + id + ": connection refused", 0, -1, true, null);
                }
                return super.schemaById(id);
            }
        });
        byte[] key = wire(KEY_ID, new EntryKey("acme", 3L));

        assertThat(flaky.keyOrNull(key)).isNull();
        down[0] = false;
        assertThat(flaky.keyOrNull(key)).isEqualTo(new EntryKey("acme", 3L));
    }

    private static EntryHeader header(String actor) {
        return EntryHeader.seal(LedgerFormat.VERSION_1, "acme", 5, "0197a3c1-7e00-7000-8000-000000000001", "KEY_OPERATION",
                1_750_000_000_000L, 1_750_000_000_004L, actor, "req-1", LedgerHashes.payloadHash(utf8("{}").array()),
                ChainHead.genesis("acme").chainHash());
    }

    private static LedgerEntry entry(EntryHeader h) {
        return Receipts.toAvro(h, EntryType.valueOf(h.entryType()));
    }

    private static <T extends SpecificRecord> byte[] wire(int id, T record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema(), TrustedSpecificData.forClass(record.getClass())).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A value written, as the chain writes it, with the union [LedgerEntry, EntryRun] under {@link #UNION_ID}. */
    private static byte[] unionWire(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(UNION_ID).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(UNION, TrustedSpecificData.forClass(EntryRun.class)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static EntryOrigin origin(boolean decision) {
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) 7);
        return new EntryOrigin("6f1c2f4e-0000-4000-8000-000000000001", new Sha256(digest), new Sha256(digest),
                decision ? new Sha256(digest) : null, decision ? "marketing" : null, null);
    }
}
