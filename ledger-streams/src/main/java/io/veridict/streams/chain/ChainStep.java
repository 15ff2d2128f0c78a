package io.veridict.streams.chain;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import java.util.Map;

/**
 * What the chain processor made of one command: always an outcome, and for a chained
 * command the new entry and its payload. Lives only inside the topology, between the
 * processor and its sinks.
 */
public record ChainStep(EntryKey key, LedgerEntry entry, PayloadEnvelope payload, CommandOutcome outcome,
                        Map<String, AccessRecord> access) {

    static ChainStep outcomeOnly(CommandOutcome outcome) {
        return new ChainStep(null, null, null, outcome, Map.of());
    }

    public boolean chained() {
        return entry != null;
    }
}
