package io.veridict.streams.chain;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.streams.topics.LedgerTopics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies the payloads topic to the payloads projection as it is committed: a value is stored,
 * a tombstone (a retention erasure) deletes the stored copy, whose bytes then leave the disk
 * within {@link io.veridict.streams.store.ErasingRocksDbStore#ERASE_WITHIN}. Runs in the chain's
 * task, which reads its own partition of the payloads topic.
 */
public final class PayloadProjector implements Processor<EntryKey, PayloadEnvelope, Void, Void> {

    private final LedgerTopics topics;
    private ProcessorContext<Void, Void> context;
    private Projections projections;
    private long next = -1;

    private PayloadProjector(LedgerTopics topics) {
        this.topics = topics;
    }

    public static ProcessorSupplier<EntryKey, PayloadEnvelope, Void, Void> supplier(LedgerTopics topics) {
        return () -> new PayloadProjector(topics);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.projections = Projections.of(context);
    }

    @Override
    public void process(Record<EntryKey, PayloadEnvelope> record) {
        projections.applyPayload(record.key().getTenantId(), record.key().getSeq(), record.value());
        context.recordMetadata().ifPresent(m -> next = m.offset() + 1);
    }

    @Override
    public void close() {
        if (next >= 0) {
            projections.markApplied(topics.payloads().name(), next);
        }
    }
}
