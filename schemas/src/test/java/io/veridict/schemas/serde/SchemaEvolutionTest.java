package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.testing.ScriptedRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records written by other producers with other versions of a schema, registered under their
 * own ids, decode into the current generated classes (the avdl's BACKWARD rule at work).
 */
class SchemaEvolutionTest {

    private final ScriptedRegistry registry = ScriptedRegistry.start();
    private final SchemaRegistryClient client =
            new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldFillFieldsAnOlderWriterDidNotHaveWithTheirDefaults() throws IOException {
        Schema v0 = resourceSchema("/evolution/PayloadEnvelope-v0.avsc");
        int id = registry.store("veridict.payloads-value", v0);
        GenericRecord old = new GenericData.Record(v0);
        old.put("ciphertext", ByteBuffer.wrap("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));

        PayloadEnvelope decoded = new ConfluentAvroDeserializer<>(client, PayloadEnvelope.class)
                .deserialize("veridict.payloads", framed(id, v0, old, GenericData.get()));

        assertThat(id).isNotEqualTo(client.register("veridict.payloads-value",
                PayloadEnvelope.getClassSchema()));
        assertThat(decoded.getEnvelopeVersion()).isEqualTo(1);
        assertThat(decoded.getKeyId()).isNull();
        assertThat(decoded.getNonce()).isNull();
        assertThat(StandardCharsets.UTF_8.decode(decoded.getCiphertext()).toString())
                .isEqualTo("{\"x\":1}");
    }

    @Test
    void shouldSkipFieldsANewerWriterAdded() throws IOException {
        Schema v2 = resourceSchema("/evolution/EntryKey-v2.avsc");
        int id = registry.store("veridict.entries-key", v2);
        GenericRecord newer = new GenericData.Record(v2);
        newer.put("tenant_id", "tenant-b");
        newer.put("seq", 1_000_000_000_000L);
        newer.put("region", "eu-central");

        EntryKey decoded = new ConfluentAvroDeserializer<>(client, EntryKey.class)
                .deserialize("veridict.entries", framed(id, v2, newer, GenericData.get()));

        assertThat(decoded).isEqualTo(EntryKey.newBuilder().setTenantId("tenant-b")
                .setSeq(1_000_000_000_000L).build());
    }

    @Test
    void shouldReadAnEnumSymbolTheReaderDoesNotKnowAsTheEnumDefault() throws IOException {
        String current = LedgerEntry.getClassSchema().toString();
        String symbols = "\"symbols\":[\"DECISION\",\"KEY_OPERATION\",\"UNKNOWN\"";
        assertThat(current).contains(symbols);
        Schema newer =
                new Schema.Parser().parse(current.replace(symbols, symbols + ",\"ERASURE\""));
        int id = registry.store("veridict.entries-value", newer);
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord entry = (GenericRecord) data.deepCopy(newer, LedgerSamples.entry());
        entry.put("entry_type", new GenericData.EnumSymbol(
                newer.getField("entry_type").schema(), "ERASURE"));

        LedgerEntry decoded = new ConfluentAvroDeserializer<>(client, LedgerEntry.class)
                .deserialize("veridict.entries", framed(id, newer, entry, data));

        assertThat(decoded.getEntryType()).isEqualTo(EntryType.UNKNOWN);
        assertThat(decoded.getChainHash()).isEqualTo(LedgerSamples.entry().getChainHash());
        assertThat(decoded.getReceivedAt()).isEqualTo(LedgerSamples.RECEIVED_AT);
    }

    private static Schema resourceSchema(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** A record as another producer would write it: header, then Avro under its own schema. */
    private static byte[] framed(int id, Schema schema, GenericRecord record, GenericData data)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0});
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
