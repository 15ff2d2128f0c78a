package io.veridict.verifier;

import java.util.HashMap;
import java.util.Map;

/**
 * The partition each tenant lives in ({@link TenantPartitions}), remembered: a replay asks
 * once per record, for a handful of tenants per partition. About 100 bytes of heap per tenant.
 * Not thread-safe.
 */
final class TenantHomes {

    private final int partitionCount;
    private final Map<String, Integer> homes = new HashMap<>();

    TenantHomes(int partitionCount) {
        this.partitionCount = partitionCount;
    }

    int of(String tenantId) {
        Integer home = homes.get(tenantId);
        if (home == null) {
            home = TenantPartitions.partitionOf(tenantId, partitionCount);
            homes.put(tenantId, home);
        }
        return home;
    }
}
