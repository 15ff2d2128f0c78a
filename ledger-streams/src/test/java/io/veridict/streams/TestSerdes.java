package io.veridict.streams;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.serde.AvroBinarySerde;

/** Registry-free serdes (plain Avro binary) for topology unit tests. */
final class TestSerdes {

    private TestSerdes() {
    }

    static LedgerSerdes plain() {
        return new LedgerSerdes(new AvroBinarySerde<>(LedgerCommand.class), new AvroBinarySerde<>(EntryKey.class),
                new AvroBinarySerde<>(LedgerEntry.class), new AvroBinarySerde<>(PayloadEnvelope.class),
                new AvroBinarySerde<>(CommandOutcome.class), new AvroBinarySerde<>(AccessRecord.class));
    }
}
