package io.veridict.streams;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.serde.AvroBinarySerde;
import io.veridict.schemas.serde.TrustedSpecificData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Registry-free serdes (plain Avro binary) for topology unit tests. */
public final class TestSerdes {

    /** The entries topic's value schema: the union [LedgerEntry, EntryRun]. */
    public static final Schema ENTRIES_UNION = Schema.createUnion(List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema()));

    private TestSerdes() {
    }

    public static LedgerSerdes plain() {
        return new LedgerSerdes(new AvroBinarySerde<>(LedgerCommand.class), new AvroBinarySerde<>(EntryKey.class),
                new EntryRunSerde(plainUnion()), new AvroBinarySerde<>(PayloadEnvelope.class),
                new AvroBinarySerde<>(CommandOutcome.class), new AvroBinarySerde<>(AccessRecord.class),
                new AvroBinarySerde<>(io.veridict.schemas.avro.SignedCheckpoint.class));
    }

    /** Plain Avro binary of the entries union (no wire-format header). */
    public static Serde<SpecificRecord> plainUnion() {
        SpecificData model = TrustedSpecificData.forClass(EntryRun.class);
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                new SpecificDatumWriter<SpecificRecord>(ENTRIES_UNION, model).write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return new SpecificDatumReader<SpecificRecord>(ENTRIES_UNION, ENTRIES_UNION, model)
                        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
