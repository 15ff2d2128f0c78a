package io.veridict.streams.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Byte keys of the ledger's state stores. Every key starts with the tenant id and a 0x00
 * separator (tenant ids never contain 0x00), so one tenant's keys form one contiguous
 * range; seq keys end in the seq as a big-endian u64, so RocksDB's byte order is seq order
 * and a range scan pages through a tenant's entries.
 */
public final class StoreKeys {

    private static final byte SEPARATOR = 0x00;

    private StoreKeys() {
    }

    /** Key of entry {@code seq} of {@code tenant}. */
    public static Bytes seq(String tenant, long seq) {
        byte[] prefix = tenantPrefix(tenant);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(seq).array());
    }

    /** Key of the idempotency key {@code key} of {@code tenant}. */
    public static Bytes idempotency(String tenant, String key) {
        return text(tenant, key);
    }

    /** Key of the decision id {@code decisionId} of {@code tenant}. */
    public static Bytes decision(String tenant, String decisionId) {
        return text(tenant, decisionId);
    }

    /** The seq at the end of a {@link #seq} key. */
    public static long seqOf(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    }

    private static Bytes text(String tenant, String value) {
        byte[] prefix = tenantPrefix(tenant);
        byte[] suffix = value.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + suffix.length).put(prefix).put(suffix).array());
    }

    private static byte[] tenantPrefix(String tenant) {
        byte[] id = tenant.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 1).put(id).put(SEPARATOR).array();
    }
}
