package io.veridict.streams;

import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.serde.TrustedSpecificData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Avro binary without a registry, for topology unit tests only. */
final class PlainAvroSerde {

    private static final TrustedSpecificData MODEL = TrustedSpecificData.forClass(LedgerCommand.class);

    private PlainAvroSerde() {
    }

    static Serde<LedgerCommand> commands() {
        return Serdes.serdeFrom((topic, command) -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                new SpecificDatumWriter<LedgerCommand>(LedgerCommand.getClassSchema(), MODEL).write(command, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            try {
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
                return new SpecificDatumReader<LedgerCommand>(LedgerCommand.getClassSchema(), LedgerCommand.getClassSchema(), MODEL).read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode command from " + topic, e);
            }
        });
    }
}
