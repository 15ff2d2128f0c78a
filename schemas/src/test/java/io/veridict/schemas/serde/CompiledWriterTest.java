package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.KeySecret;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The compiled writer writes every record exactly as Avro's SpecificDatumWriter does. */
class CompiledWriterTest {

    @Test
    void shouldWriteEveryLedgerRecordByteForByteAsAvroDoes() throws IOException {
        LedgerCommand decision = LedgerSamples.decisionCommand();
        RecordDecision body = (RecordDecision) decision.getBody();
        LedgerEntry entry = LedgerSamples.entry();
        EntryOrigin origin = new EntryOrigin("cmd-1", sha(1), sha(2), sha(3), "marketing", null);
        List<SpecificRecord> samples = List.of(decision, LedgerSamples.keyOperationCommand(),
                tenantCommand(), groupCommand(body), body, entry, LedgerSamples.entryKey(), LedgerSamples.envelope(),
                new RunEntry(entry, origin), new RunEntry(entry, new EntryOrigin("cmd-2", sha(4), sha(5), null, null, null)),
                new RunEntry(entry, null), new EntryRun(List.of(new RunEntry(entry, origin), new RunEntry(entry, null))),
                new EntryRun(List.of()), outcome(entry), apiKey());
        for (SpecificRecord sample : samples) {
            assertThat(compiled(sample.getSchema(), sample)).as(sample.getSchema().getName())
                    .isEqualTo(avro(sample.getSchema(), sample));
        }
    }

    @Test
    void shouldWriteEachBranchOfAUnionOfRecordsAsAvroDoes() throws IOException {
        Schema union = Schema.createUnion(List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema()));
        LedgerEntry entry = LedgerSamples.entry();
        for (SpecificRecord value : List.of(entry, new EntryRun(List.of(new RunEntry(entry, null))))) {
            assertThat(compiled(union, value)).isEqualTo(avro(union, value));
        }
    }

    @Test
    void shouldFailOnAValueItCannotWrite() {
        LedgerEntry missing = LedgerSamples.entry();
        missing.setTenantId(null);
        CompiledWriter<Object> writer = CompiledWriter.of(LedgerEntry.getClassSchema(),
                TrustedSpecificData.forClass(LedgerEntry.class));

        assertThatThrownBy(() -> writer.write(missing, EncoderFactory.get().binaryEncoder(new ByteArrayOutputStream(), null)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldLeaveSchemasWithMapsToAvro() {
        Schema map = Schema.createMap(Schema.create(Schema.Type.STRING));
        assertThat(CompiledWriter.of(map, TrustedSpecificData.forClass(LedgerEntry.class))).isNull();
    }

    private static byte[] compiled(Schema schema, Object value) throws IOException {
        CompiledWriter<Object> writer = CompiledWriter.of(schema, TrustedSpecificData.forClass(LedgerEntry.class));
        assertThat(writer).as(schema.getName()).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] avro(Schema schema, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(schema, TrustedSpecificData.forClass(LedgerEntry.class)).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static LedgerCommand tenantCommand() {
        LedgerCommand command = LedgerSamples.keyOperationCommand();
        command.setBody(new TenantOperation(TenantOperationType.SUSPENDED, "Acme Ltd", null));
        return command;
    }

    private static LedgerCommand groupCommand(RecordDecision decision) {
        LedgerCommand command = LedgerSamples.decisionCommand();
        GroupItem item = new GroupItem("item-1", "key-1", "corr-1", command.getActor(), Instant.ofEpochMilli(-5), decision);
        GroupItem other = new GroupItem("item-2", "", "", command.getActor(), Instant.ofEpochMilli(Long.MAX_VALUE), decision);
        command.setBody(new DecisionGroup(false, List.of(item, other)));
        return command;
    }

    private static CommandOutcome outcome(LedgerEntry entry) {
        EntryReceipt receipt = new EntryReceipt("tenant-a", 41L, "entry-41", null, sha(1), sha(2), sha(3),
                Instant.ofEpochMilli(123), "corr");
        return new CommandOutcome("cmd-1", "tenant-a", "key", OutcomeStatus.CHAINED, receipt, null);
    }

    private static AccessRecord apiKey() {
        ApiKeyState key = new ApiKeyState("key-42", "tenant-a", List.of("decisions:write"), null, KeyStatus.ACTIVE,
                List.of(new KeySecret(ByteBuffer.wrap(new byte[] {1, 2, 3}), Instant.ofEpochMilli(99)),
                        new KeySecret(ByteBuffer.wrap(new byte[0]), null)), 3L, Instant.EPOCH, Instant.ofEpochMilli(1), 4L, "alice");
        return new AccessRecord(key);
    }

    private static Sha256 sha(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return new Sha256(bytes);
    }
}
