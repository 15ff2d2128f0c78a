package io.veridict.streams.crypto;

import io.veridict.schemas.avro.WrappedDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each tenant's subject key: a random 256-bit HMAC key, stored only wrapped (as a data key with
 * the fixed id {@value #KEY_ID}, next to the tenant's data keys), that turns a data subject
 * reference into the digest the chain indexes decisions by. Without the key, a digest confirms
 * no guess of a subject; once the key is destroyed (the tenant deleted), no digest can be linked
 * to a subject again. The key never rotates: the digests of a tenant's decisions must stay
 * comparable. Not thread-safe: one per stream task.
 */
public final class SubjectKeys {

    /** The key id the subject key is stored under. */
    public static final String KEY_ID = "subject-key";

    private static final byte[] TAG = "veridict.subject.v1".getBytes(StandardCharsets.UTF_8);

    private final LedgerCrypto crypto;
    private final Function<String, WrappedDataKey> stored;
    private final Consumer<WrappedDataKey> keep;
    private final RandomBytes random = new RandomBytes();
    private final Map<String, byte[]> open = new HashMap<>();
    /** One HMAC instance, initialised per digest: looking the algorithm up per decision costs more than the digest. */
    private final Mac mac;

    /**
     * @param stored a tenant's stored subject key, or null when it has none yet
     * @param keep   stores a new tenant's subject key (wrapped)
     */
    public SubjectKeys(LedgerCrypto crypto, Function<String, WrappedDataKey> stored, Consumer<WrappedDataKey> keep) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.keep = Objects.requireNonNull(keep, "keep");
        try {
            this.mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /**
     * The digest of a subject reference: HMAC-SHA-256 under the tenant's subject key (created on
     * first use) of {@code "veridict.subject.v1"} and the reference's UTF-8 bytes, each
     * length-prefixed.
     */
    public byte[] digest(String tenant, String subject, Instant now) {
        return hmac(keyOf(tenant, now), subject);
    }

    /**
     * The digest of a subject reference, or null when the tenant has no subject key yet (then no
     * decision of it names any subject).
     */
    public byte[] digestIfKeyed(String tenant, String subject) {
        byte[] key = open.get(tenant);
        if (key == null) {
            WrappedDataKey wrapped = stored.apply(tenant);
            if (wrapped == null) {
                return null;
            }
            key = unwrap(wrapped);
        }
        return hmac(key, subject);
    }

    /** Drops a tenant's unwrapped key (it was destroyed). */
    public void forget(String tenant) {
        byte[] dropped = open.remove(tenant);
        if (dropped != null) {
            Arrays.fill(dropped, (byte) 0);
        }
    }

    /** Drops every unwrapped key. */
    public void forget() {
        open.values().forEach(k -> Arrays.fill(k, (byte) 0));
        open.clear();
    }

    private byte[] keyOf(String tenant, Instant now) {
        byte[] key = open.get(tenant);
        if (key != null) {
            return key;
        }
        WrappedDataKey wrapped = stored.apply(tenant);
        if (wrapped != null) {
            return unwrap(wrapped);
        }
        byte[] fresh = random.next(32);
        Kms.Wrapped sealed = crypto.kms().wrap(fresh, DataKeys.wrappingAad(tenant, KEY_ID));
        keep.accept(new WrappedDataKey(tenant, KEY_ID, sealed.kekId(), ByteBuffer.wrap(sealed.bytes()), now));
        open.put(tenant, fresh);
        return fresh;
    }

    private byte[] unwrap(WrappedDataKey wrapped) {
        byte[] key = crypto.kms().unwrap(new Kms.Wrapped(wrapped.getKekId(), Buffers.copy(wrapped.getWrapped())),
                DataKeys.wrappingAad(wrapped.getTenantId(), KEY_ID));
        open.put(wrapped.getTenantId(), key);
        return key;
    }

    private byte[] hmac(byte[] key, String subject) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(new Aad().bytes(TAG).text(subject).toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
