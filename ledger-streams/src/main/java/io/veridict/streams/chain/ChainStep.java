package io.veridict.streams.chain;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.SignedCheckpoint;
import java.util.List;
import java.util.Map;

/**
 * What the chain processor made of one command: the run of entries it chained (possibly none),
 * one payload per entry, an outcome for each item that chained nothing (duplicates and
 * conflicts: a chained item's outcome is its entry), and the access changes; or, from the
 * checkpoint schedule, a signed checkpoint of the tenant's tree. Lives only inside
 * the topology, between the processor and its sinks.
 */
public record ChainStep(String tenant, List<RunEntry> entries, List<PayloadEnvelope> payloads,
                        List<CommandOutcome> outcomes, Map<String, AccessRecord> access, List<EntryKey> erasures,
                        List<SignedCheckpoint> checkpoints) {

    /** A step of one command, which signs nothing. */
    public ChainStep(String tenant, List<RunEntry> entries, List<PayloadEnvelope> payloads,
                     List<CommandOutcome> outcomes, Map<String, AccessRecord> access, List<EntryKey> erasures) {
        this(tenant, entries, payloads, outcomes, access, erasures, List.of());
    }

    /** A scheduled signature of the tenant's tree, and nothing else. */
    static ChainStep signed(SignedCheckpoint checkpoint) {
        return new ChainStep(checkpoint.getTenantId(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(checkpoint));
    }

    public boolean chained() {
        return !entries.isEmpty();
    }

    /** The entries-topic key of the run: (tenant, seq of its first entry). */
    public EntryKey runKey() {
        return new EntryKey(tenant, entries.get(0).getHeader().getSeq());
    }

    /** The entries-topic record of the run. */
    public EntryRun run() {
        return new EntryRun(entries);
    }

    /** The payloads-topic key of entry {@code i} of the run. */
    public EntryKey payloadKey(int i) {
        return new EntryKey(tenant, entries.get(i).getHeader().getSeq());
    }
}
