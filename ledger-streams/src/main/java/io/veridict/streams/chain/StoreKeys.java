package io.veridict.streams.chain;

import java.nio.ByteBuffer;
import io.veridict.schemas.format.Sha256;
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

    /**
     * Key of the perfect Merkle subtree {@code (level, index)} of {@code tenant}'s tree: the
     * level as one byte, then the index as a big-endian u64, so one level's subtrees are a
     * contiguous range in index order.
     */
    public static Bytes node(String tenant, int level, long index) {
        byte[] prefix = tenantPrefix(tenant);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + Long.BYTES).put(prefix).put((byte) level)
                .putLong(index).array());
    }

    /** Key of the idempotency key {@code key} of {@code tenant}: its digest ({@link #digest}). */
    public static Bytes idempotency(String tenant, String key) {
        return digestKey(tenant, digest(key));
    }

    /** Key of the decision id {@code decisionId} of {@code tenant}: its digest ({@link #digest}). */
    public static Bytes decision(String tenant, String decisionId) {
        return digestKey(tenant, digest(decisionId));
    }

    /** Key of a digest (of an idempotency key or decision id) of {@code tenant}. */
    public static Bytes digestKey(String tenant, byte[] digest) {
        byte[] prefix = tenantPrefix(tenant);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + digest.length).put(prefix).put(digest).array());
    }

    /** Key of the data key {@code keyId} of {@code tenant} in the tenant-keys store. */
    public static Bytes dataKey(String tenant, String keyId) {
        byte[] prefix = tenantPrefix(tenant);
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + id.length).put(prefix).put(id).array());
    }

    /**
     * The digest under which a client-chosen identifier (an idempotency key, a decision id) is
     * kept: SHA-256 of its UTF-8 bytes. The identifier itself is kept nowhere but in the payload.
     */
    public static byte[] digest(String identifier) {
        return Sha256.hash(identifier.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Key of the position up to which a topic has been applied to the projections: it starts with
     * the separator, so no tenant's key (tenant ids are never empty) can equal it.
     */
    static Bytes position(String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + name.length).put(SEPARATOR).put(name).array());
    }

    /** The first key after every key of {@code tenant} (its prefix with the separator raised by one). */
    static Bytes afterTenant(String tenant) {
        byte[] prefix = tenantPrefix(tenant);
        prefix[prefix.length - 1] = SEPARATOR + 1;
        return Bytes.wrap(prefix);
    }

    /** The seq at the end of a {@link #seq} key. */
    public static long seqOf(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    }

    private static byte[] tenantPrefix(String tenant) {
        byte[] id = tenant.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 1).put(id).put(SEPARATOR).array();
    }
}
