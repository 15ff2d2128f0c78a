package io.veridict.verifier;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a tenant's records live: partition {@code murmur2(tenant id) mod partitions}, as Kafka's
 * default partitioner places a record keyed by the tenant id ({@code docs/ledger-format.md}). The
 * chain writes by this rule and the verifiers read by it.
 */
public final class TenantPartitions {

    private TenantPartitions() {
    }

    /** The partition of {@code tenant} among {@code numPartitions}. */
    public static int partitionOf(String tenant, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
