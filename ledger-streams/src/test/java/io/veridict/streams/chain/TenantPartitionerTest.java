package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.EntryKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class TenantPartitionerTest {

    @Test
    void shouldPlaceEntriesInThePartitionKafkaGivesTheTenantsCommands() {
        TenantPartitioner<Object> partitioner = new TenantPartitioner<>();
        for (String tenant : new String[] {"acme", "globex", "initech", "tenant-0042", "umbrella-corp"}) {
            for (int partitions : new int[] {1, 3, 6, 12}) {
                int commandsPartition = BuiltInPartitioner.partitionForKey(tenant.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(partitioner.partitions("t", new EntryKey(tenant, 99L), null, partitions))
                        .as("%s over %d partitions", tenant, partitions).hasValue(java.util.Set.of(commandsPartition));
            }
        }
    }
}
