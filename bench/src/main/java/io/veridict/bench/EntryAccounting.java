package io.veridict.bench;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a measured load cost per chained entry: Kafka records written on every topic
 * ({@link KafkaOffsets}, {@link RecordsWritten}) and the dev stack's CPU time, divided by the
 * entries chained in between. {@link #mark} before the load and {@link #since} after it, both
 * with the service's backlog drained, so that every command the load was accepted for has been
 * chained and its transaction committed (markers written) by the time of the second snapshot.
 */
final class EntryAccounting {

    /** Counts the entries chained so far (e.g. the sum of the tenants' chain sizes). */
    @FunctionalInterface
    interface EntryCount {
        long get() throws Exception;
    }

    /** Where the counts stood before a load. */
    record Mark(Map<TopicPartition, Long> offsets, long entries, long serviceCpuNanos) {
    }

    /**
     * One load's account.
     *
     * @param written         records written to each topic
     * @param entries         entries chained
     * @param serviceCpuNanos CPU time of the dev stack's JVM (broker, registry, service), {@code -1} if unknown
     */
    record Account(RecordsWritten written, long entries, long serviceCpuNanos) {

        /** @return every record written (all topics, markers included) per entry */
        double recordsPerEntry() {
            return RecordsWritten.perEntry(written.total(), entries);
        }

        /** @return changelog and repartition records per entry */
        double streamsInternalPerEntry() {
            return RecordsWritten.perEntry(written.streamsInternal(), entries);
        }

        /** @return {@code __consumer_offsets} and {@code __transaction_state} records per entry */
        double brokerInternalPerEntry() {
            return RecordsWritten.perEntry(written.brokerInternal(), entries);
        }

        /** @return the dev stack's CPU per entry, microseconds */
        double serviceCpuMicrosPerEntry() {
            return serviceCpuNanos < 0 ? Double.NaN : RecordsWritten.perEntry(serviceCpuNanos, entries) / 1e3;
        }

        /** @return a line for the progress log */
        String describe() {
            return String.format(Locale.ROOT, "%,d entries chained, %s records written per entry; %s", entries,
                    Table.number(recordsPerEntry()), written.describe(entries));
        }
    }

    private final KafkaOffsets offsets;
    private final EntryCount entries;
    private final CpuClock cpu;

    EntryAccounting(KafkaOffsets offsets, EntryCount entries, CpuClock cpu) {
        this.offsets = offsets;
        this.entries = entries;
        this.cpu = cpu;
    }

    /** @return where the counts stand now */
    Mark mark() throws Exception {
        long chained = entries.get();
        return new Mark(offsets.snapshot(), chained, cpu.childNanos());
    }

    /** @return what was written and chained since {@code mark} */
    Account since(Mark mark) throws Exception {
        long cpuNow = cpu.childNanos();
        Map<TopicPartition, Long> now = offsets.snapshot();
        long chained = entries.get();
        return new Account(RecordsWritten.between(mark.offsets(), now), chained - mark.entries(),
                cpuNow < 0 || mark.serviceCpuNanos() < 0 ? -1 : cpuNow - mark.serviceCpuNanos());
    }
}
