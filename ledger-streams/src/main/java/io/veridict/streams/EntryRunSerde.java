package io.veridict.streams;

import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.serde.AvroSerdes;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The entries topic's values. The topic's value schema is the union [LedgerEntry, EntryRun]
 * (docs/ledger-format.md §14): the chain writes EntryRun records; a LedgerEntry record, written
 * before runs existed, reads as a run of one entry without an origin.
 */
public final class EntryRunSerde implements Serde<EntryRun> {

    private final Serde<SpecificRecord> union;

    /** Over any serde of the union [LedgerEntry, EntryRun] (the registry's, or a test's). */
    public EntryRunSerde(Serde<SpecificRecord> union) {
        this.union = union;
    }

    /** Confluent wire format through {@code registry}. */
    public static EntryRunSerde confluent(SchemaRegistryClient registry) {
        return new EntryRunSerde(AvroSerdes.forUnionValue(registry, LedgerEntry.class, EntryRun.class));
    }

    /** The run a decoded entries-topic value stands for. */
    public static EntryRun asRun(SpecificRecord value) {
        if (value == null || value instanceof EntryRun) {
            return (EntryRun) value;
        }
        return new EntryRun(List.of(new RunEntry((LedgerEntry) value, null)));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        union.configure(configs, isKey);
    }

    @Override
    public Serializer<EntryRun> serializer() {
        Serializer<SpecificRecord> inner = union.serializer();
        return (topic, run) -> inner.serialize(topic, run);
    }

    @Override
    public Deserializer<EntryRun> deserializer() {
        Deserializer<SpecificRecord> inner = union.deserializer();
        return (topic, bytes) -> asRun(inner.deserialize(topic, bytes));
    }
}
