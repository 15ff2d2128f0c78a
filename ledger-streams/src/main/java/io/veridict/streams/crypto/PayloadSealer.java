package io.veridict.streams.crypto;

import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.WrappedDataKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Seals the payloads a chain task writes: AES-256-GCM under its tenant's current data key, with a
 * random 96-bit nonce and (tenant, seq, key id) authenticated, the payload's salt sealed with it.
 *
 * <p>A data key is made the first time a tenant's payload is sealed after the task starts, and
 * again once the key is older than the rotation period or has sealed {@link #MAX_USES} payloads.
 * A new key is wrapped by the KMS and handed to {@code keep} (the tenant-keys store, which commits
 * with the payloads it sealed) before its first use; unwrapped, it lives only in this object.
 * Starting from a fresh key after every start keeps the use count exact without storing it.
 *
 * <p>Not thread-safe: one instance per chain task. {@link #forget()} when the task closes or
 * restarts, so that no key outlives the transaction that recorded it.
 */
public final class PayloadSealer {

    /** Envelope version of a payload in clear. */
    public static final int CLEAR_ENVELOPE = 1;
    /** Envelope version of a sealed payload. */
    public static final int SEALED_ENVELOPE = 2;
    /** Payloads one data key seals at most: far below the 2^32 that random 96-bit nonces allow. */
    public static final long MAX_USES = 1L << 30;

    private static final HexFormat HEX = HexFormat.of();

    private final LedgerCrypto crypto;
    private final Consumer<WrappedDataKey> keep;
    private final RandomBytes random = new RandomBytes();
    private final Map<String, Active> active = new HashMap<>();

    /**
     * @param keep receives each new wrapped data key, to store it where its payloads' readers find it
     */
    public PayloadSealer(LedgerCrypto crypto, Consumer<WrappedDataKey> keep) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    /**
     * Seals one payload.
     *
     * @param salt    the entry's payload salt (ledger format §4.4), sealed with the payload
     * @param payload the canonical payload bytes
     * @param nowMs   the current time, for key rotation
     * @return the envelope to store: version {@value #SEALED_ENVELOPE}, no salt in clear
     */
    public PayloadEnvelope seal(String tenant, long seq, byte[] salt, byte[] payload, long nowMs) {
        Active key = keyFor(tenant, nowMs);
        byte[] plaintext = new byte[salt.length + payload.length];
        System.arraycopy(salt, 0, plaintext, 0, salt.length);
        System.arraycopy(payload, 0, plaintext, salt.length, payload.length);
        byte[] nonce = random.next(Aes256Gcm.NONCE_SIZE);
        byte[] sealed = Aes256Gcm.seal(key.key, nonce, plaintext, DataKeys.payloadAad(tenant, seq, key.id));
        Arrays.fill(plaintext, (byte) 0);
        key.uses++;
        return new PayloadEnvelope(SEALED_ENVELOPE, key.id, ByteBuffer.wrap(nonce), ByteBuffer.wrap(sealed), null);
    }

    /**
     * The envelope of a payload stored in clear: only an erasure record, which holds no tenant
     * data (ledger format §4.5).
     *
     * @return envelope version {@value #CLEAR_ENVELOPE}: no key, the payload and its salt in clear
     */
    public static PayloadEnvelope clear(byte[] salt, byte[] payload) {
        return new PayloadEnvelope(CLEAR_ENVELOPE, null, null, ByteBuffer.wrap(payload), ByteBuffer.wrap(salt));
    }

    /**
     * Rewraps a stored data key under the current KEK, if another KEK wrapped it: how a KEK
     * rotates without touching a payload. The key's bytes and id stay the same.
     *
     * @return the key wrapped by the current KEK, or null when it already is
     * @throws KeyUnavailableException when the KEK that wrapped it is not configured
     */
    public WrappedDataKey rewrapOrNull(WrappedDataKey stored) {
        if (stored.getKekId().equals(crypto.kms().currentKekId())) {
            return null;
        }
        byte[] aad = DataKeys.wrappingAad(stored.getTenantId(), stored.getKeyId());
        byte[] wrappedBytes = Buffers.copy(stored.getWrapped());
        byte[] key = crypto.kms().unwrap(new Kms.Wrapped(stored.getKekId(), wrappedBytes), aad);
        try {
            Kms.Wrapped rewrapped = crypto.kms().wrap(key, aad);
            return new WrappedDataKey(stored.getTenantId(), stored.getKeyId(), rewrapped.kekId(),
                    ByteBuffer.wrap(rewrapped.bytes()), stored.getCreatedAt());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Drops a tenant's unwrapped key (its keys were destroyed): its next payload takes a new one. */
    public void forget(String tenant) {
        Active dropped = active.remove(tenant);
        if (dropped != null) {
            Arrays.fill(dropped.key, (byte) 0);
        }
    }

    /** Drops every unwrapped key: the next payload of each tenant takes a new one. */
    public void forget() {
        active.values().forEach(a -> Arrays.fill(a.key, (byte) 0));
        active.clear();
    }

    private Active keyFor(String tenant, long nowMs) {
        Active key = active.get(tenant);
        if (key != null && key.uses < MAX_USES && nowMs - key.createdAtMs < crypto.dataKeyRotation().toMillis()) {
            return key;
        }
        if (key != null) {
            Arrays.fill(key.key, (byte) 0);
        }
        String id = "dk-" + HEX.formatHex(random.next(12));
        byte[] dataKey = random.next(Aes256Gcm.KEY_SIZE);
        Kms.Wrapped wrapped = crypto.kms().wrap(dataKey, DataKeys.wrappingAad(tenant, id));
        keep.accept(new WrappedDataKey(tenant, id, wrapped.kekId(), ByteBuffer.wrap(wrapped.bytes()),
                Instant.ofEpochMilli(nowMs)));
        Active fresh = new Active(id, dataKey, nowMs);
        active.put(tenant, fresh);
        return fresh;
    }

    private static final class Active {
        final String id;
        final byte[] key;
        final long createdAtMs;
        long uses;

        Active(String id, byte[] key, long createdAtMs) {
            this.id = id;
            this.key = key;
            this.createdAtMs = createdAtMs;
        }
    }
}
