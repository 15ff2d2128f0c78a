package io.veridict.streams.chain;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.streams.topics.LedgerTopics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies the payloads topic's tombstones to the payloads projection as they are committed: a
 * tombstone (a retention erasure, or one written by anyone else) deletes the stored copy, whose
 * bytes then leave the disk within {@link io.veridict.streams.store.ErasingRocksDbStore#ERASE_WITHIN}.
 * Runs in the chain's task, which reads its own partition of the payloads topic.
 *
 * <p>Values are not stored again: every value on the partition is one this task's chain wrote,
 * and the chain stores a payload as it chains it (records from before the task started are
 * applied by {@link ProjectionRebuild}). So the value is not even decoded: the source reads it
 * as bytes. Storing it again cost a second RocksDB write per entry, and could bring back for a
 * moment a payload the chain had already erased.
 */
public final class PayloadProjector implements Processor<EntryKey, byte[], Void, Void> {

    private final LedgerTopics topics;
    private ProcessorContext<Void, Void> context;
    private Projections projections;
    private long next = -1;

    private PayloadProjector(LedgerTopics topics) {
        this.topics = topics;
    }

    public static ProcessorSupplier<EntryKey, byte[], Void, Void> supplier(LedgerTopics topics) {
        return () -> new PayloadProjector(topics);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.projections = Projections.of(context);
    }

    @Override
    public void process(Record<EntryKey, byte[]> record) {
        if (record.value() == null) {
            projections.applyPayload(record.key().getTenantId(), record.key().getSeq(), null);
        }
        context.recordMetadata().ifPresent(m -> next = m.offset() + 1);
    }

    @Override
    public void close() {
        if (next >= 0) {
            projections.markApplied(topics.payloads().name(), next);
        }
    }
}
