package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.testing.ScriptedRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Round trips of every ledger record through the serdes and a scripted registry. Records are
 * read back through a second client, so writer schemas really come from the registry by id.
 */
class ConfluentAvroSerdeTest {

    private final ScriptedRegistry registry = ScriptedRegistry.start();
    private final SchemaRegistryClient producerSide = newClient();
    private final SchemaRegistryClient consumerSide = newClient();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaRegistryClient newClient() {
        return new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));
    }

    private <T extends SpecificRecord> T roundTrip(
            Serde<T> writing, Serde<T> reading, String topic, T record) {
        byte[] bytes = writing.serializer().serialize(topic, record);
        return reading.deserializer().deserialize(topic, bytes);
    }

    private <T extends SpecificRecord> T roundTripValue(Class<T> type, String topic, T record) {
        return roundTrip(AvroSerdes.forValue(producerSide, type),
                AvroSerdes.forValue(consumerSide, type), topic, record);
    }

    @Test
    void shouldWriteEachUnionBranchAsItselfAndReadBothBack() {
        String topic = "veridict.entries";
        var writing = AvroSerdes.forUnionValue(producerSide, LedgerEntry.class, EntryRun.class);
        var reading = AvroSerdes.forUnionValue(consumerSide, LedgerEntry.class, EntryRun.class);
        EntryRun run = new EntryRun(java.util.List.of(new RunEntry(LedgerSamples.entry(), null)));

        assertThat(roundTrip(writing, reading, topic, run)).isEqualTo(run);
        assertThat(roundTrip(writing, reading, topic, LedgerSamples.entry())).isEqualTo(LedgerSamples.entry());
    }

    @Test
    void shouldReadRecordsWrittenBeforeTheUnionWithTheUnion() {
        String topic = "veridict.entries";
        byte[] single = AvroSerdes.forValue(producerSide, LedgerEntry.class).serializer().serialize(topic, LedgerSamples.entry());
        var union = AvroSerdes.forUnionValue(producerSide, LedgerEntry.class, EntryRun.class);
        byte[] run = union.serializer().serialize(topic, new EntryRun(java.util.List.of()));

        assertThat(union.deserializer().deserialize(topic, single)).isEqualTo(LedgerSamples.entry());
        assertThat(WireFormat.schemaId(topic, run)).as("the union is a new version of the subject")
                .isNotEqualTo(WireFormat.schemaId(topic, single));
    }

    @Test
    void shouldRoundTripACommandCarryingADecision() {
        LedgerCommand command = LedgerSamples.decisionCommand();

        LedgerCommand decoded = roundTripValue(LedgerCommand.class, "veridict.commands", command);

        assertThat(decoded).isEqualTo(command);
        RecordDecision decision = (RecordDecision) decoded.getBody();
        assertThat(decision.getViolations().get(0).getMessage()).isEqualTo("amount über Limit");
        assertThat(decoded.getReceivedAt()).isEqualTo(LedgerSamples.RECEIVED_AT);
    }

    @Test
    void shouldRoundTripACommandCarryingAKeyOperationWithItsExpiry() {
        LedgerCommand command = LedgerSamples.keyOperationCommand();

        LedgerCommand decoded = roundTripValue(LedgerCommand.class, "veridict.commands", command);

        assertThat(decoded).isEqualTo(command);
        KeyOperation operation = (KeyOperation) decoded.getBody();
        assertThat(operation.getExpiresAt()).isEqualTo(Instant.ofEpochMilli(1_798_761_600_000L));
        assertThat(operation.getScopes()).containsExactly("decisions:write", "decisions:read");
    }

    @Test
    void shouldRoundTripAnEntryWithItsTimestampsAndDigests() {
        LedgerEntry entry = LedgerSamples.entry();

        LedgerEntry decoded = roundTripValue(LedgerEntry.class, "veridict.entries", entry);

        assertThat(decoded).isEqualTo(entry);
        assertThat(decoded.getRecordedAt()).isEqualTo(LedgerSamples.RECEIVED_AT.plusMillis(7));
        assertThat(decoded.getChainHash().bytes()).isEqualTo(entry.getChainHash().bytes());
        assertThat(decoded.getPrevChainHash().bytes()).hasSize(32);
    }

    @Test
    void shouldRoundTripAPayloadEnvelopeWithItsBytes() {
        PayloadEnvelope envelope = LedgerSamples.envelope();

        PayloadEnvelope decoded =
                roundTripValue(PayloadEnvelope.class, "veridict.payloads", envelope);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.getNonce().remaining()).isEqualTo(12);
    }

    @Test
    void shouldRoundTripAnEntryKeyAsARecordKeyUnderTheKeySubject() {
        EntryKey key = LedgerSamples.entryKey();

        EntryKey decoded = roundTrip(AvroSerdes.forKey(producerSide, EntryKey.class),
                AvroSerdes.forKey(consumerSide, EntryKey.class), "veridict.entries", key);

        assertThat(decoded).isEqualTo(key);
        assertThat(registry.requests("POST", "/subjects/veridict.entries-key/versions")).hasSize(1);
        assertThat(registry.requests("POST", "/subjects/veridict.entries-value/versions"))
                .isEmpty();
    }

    @Test
    void shouldFrameTheAvroBodyWithMagicByteZeroAndTheBigEndianSchemaId() throws IOException {
        EntryKey key = LedgerSamples.entryKey();

        byte[] bytes = AvroSerdes.forKey(producerSide, EntryKey.class).serializer()
                .serialize("veridict.entries", key);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0x01, 0x02, 0x03, 0x04);
        assertThat(ScriptedRegistry.FIRST_ID).isEqualTo(0x01020304);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(key));
    }

    @Test
    void shouldRegisterOncePerSubjectAndFetchEachWriterSchemaOnce() {
        Serde<EntryKey> writing = AvroSerdes.forValue(producerSide, EntryKey.class);
        Serde<EntryKey> reading = AvroSerdes.forValue(consumerSide, EntryKey.class);

        for (int i = 0; i < 3; i++) {
            roundTrip(writing, reading, "topic-a", LedgerSamples.entryKey());
            roundTrip(writing, reading, "topic-b", LedgerSamples.entryKey());
        }

        assertThat(registry.requests("POST", "/subjects/topic-a-value/versions")).hasSize(1);
        assertThat(registry.requests("POST", "/subjects/topic-b-value/versions")).hasSize(1);
        assertThat(registry.requests("GET", "/schemas/ids/" + ScriptedRegistry.FIRST_ID))
                .hasSize(1);
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        Serde<PayloadEnvelope> serde = AvroSerdes.forValue(producerSide, PayloadEnvelope.class);

        assertThat(serde.serializer().serialize("veridict.payloads", null)).isNull();
        assertThat(serde.deserializer().deserialize("veridict.payloads", null)).isNull();
        assertThat(registry.requests()).isEmpty();
    }

    private static byte[] plainAvro(EntryKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<EntryKey>(EntryKey.getClassSchema(),
                TrustedSpecificData.forClass(EntryKey.class)).write(key, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
