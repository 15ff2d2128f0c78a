package io.veridict.streams;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

/** The serdes of the ledger's topics. In production all are Confluent wire format through the registry. */
public record LedgerSerdes(Serde<LedgerCommand> commands, Serde<EntryKey> entryKeys, Serde<EntryRun> entries,
                           Serde<PayloadEnvelope> payloads, Serde<CommandOutcome> outcomes, Serde<AccessRecord> access,
                           Serde<SignedCheckpoint> checkpoints) {

    /** Confluent wire-format serdes registering and resolving schemas through {@code registry}. */
    public static LedgerSerdes confluent(SchemaRegistryClient registry) {
        return new LedgerSerdes(
                AvroSerdes.forValue(registry, LedgerCommand.class),
                AvroSerdes.forKey(registry, EntryKey.class),
                EntryRunSerde.confluent(registry),
                AvroSerdes.forValue(registry, PayloadEnvelope.class),
                AvroSerdes.forValue(registry, CommandOutcome.class),
                AvroSerdes.forValue(registry, AccessRecord.class),
                AvroSerdes.forValue(registry, SignedCheckpoint.class));
    }
}
