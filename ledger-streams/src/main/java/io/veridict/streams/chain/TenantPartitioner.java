package io.veridict.streams.chain;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.verifier.TenantPartitions;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions (tenant, seq)-keyed records by tenant alone, exactly as Kafka's default
 * partitioner places a record keyed by the tenant id string: murmur2 of the tenant id's
 * UTF-8 bytes. So a tenant's entries and payloads land in the partition number of its
 * commands, and every topic of a tenant is co-partitioned.
 */
public final class TenantPartitioner<V> implements StreamPartitioner<EntryKey, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, EntryKey key, V value, int numPartitions) {
        return Optional.of(Set.of(TenantPartitions.partitionOf(key.getTenantId(), numPartitions)));
    }
}
