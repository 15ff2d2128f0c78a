package io.veridict.streams.crypto;

import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.streams.crypto.OpenedPayload.Status;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens payload envelopes for their tenant's readers (the API, an export, a rebuild): a clear
 * envelope as it is, a sealed one with the tenant's data key, looked up in the tenant-keys store
 * on every call so that a destroyed key takes effect at once. Unwrapped keys are cached (at most
 * {@value #CACHE_SIZE}) against the wrapped form they came from.
 *
 * <p>Thread-safe.
 */
public final class PayloadOpener {

    static final int CACHE_SIZE = 10_000;

    /** Finds a tenant's wrapped data key, or null when it does not exist (destroyed). */
    @FunctionalInterface
    public interface KeyLookup {
        WrappedDataKey find(String tenant, String keyId);
    }

    private final Kms kms;
    private final KeyLookup lookup;
    private final Map<String, Unwrapped> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unwrapped> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public PayloadOpener(Kms kms, KeyLookup lookup) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * Opens the payload of entry {@code seq} of {@code tenant}.
     *
     * @return the clear bytes and salt, or why they cannot be had; null for a null envelope (erased)
     */
    public OpenedPayload open(String tenant, long seq, PayloadEnvelope envelope) {
        if (envelope == null) {
            return null;
        }
        if (envelope.getKeyId() == null) {
            return new OpenedPayload(Status.CLEAR, Buffers.copy(envelope.getCiphertext()),
                    envelope.getSalt() == null ? null : Buffers.copy(envelope.getSalt()), null);
        }
        String keyId = envelope.getKeyId();
        if (envelope.getEnvelopeVersion() != PayloadSealer.SEALED_ENVELOPE || envelope.getNonce() == null) {
            return unreadable("envelope version " + envelope.getEnvelopeVersion() + " with a key id is not known here");
        }
        WrappedDataKey wrapped = lookup.find(tenant, keyId);
        if (wrapped == null) {
            return new OpenedPayload(Status.KEY_DESTROYED, null, null, "data key " + keyId + " has been destroyed");
        }
        byte[] key;
        try {
            key = unwrap(tenant, wrapped);
        } catch (KeyUnavailableException e) {
            return unreadable(e.getMessage());
        }
        byte[] plaintext = Aes256Gcm.openOrNull(key, Buffers.copy(envelope.getNonce()),
                Buffers.copy(envelope.getCiphertext()),
                DataKeys.payloadAad(tenant, seq, keyId));
        if (plaintext == null || plaintext.length < LedgerFormat.SALT_SIZE) {
            return unreadable("the sealed payload does not authenticate under data key " + keyId);
        }
        byte[] salt = Arrays.copyOf(plaintext, LedgerFormat.SALT_SIZE);
        byte[] payload = Arrays.copyOfRange(plaintext, LedgerFormat.SALT_SIZE, plaintext.length);
        return new OpenedPayload(Status.DECRYPTED, payload, salt, null);
    }

    private byte[] unwrap(String tenant, WrappedDataKey wrapped) {
        if (!tenant.equals(wrapped.getTenantId())) {
            throw new KeyUnavailableException("data key " + wrapped.getKeyId() + " belongs to another tenant");
        }
        byte[] wrappedBytes = Buffers.copy(wrapped.getWrapped());
        String id = tenant + '\u0000' + wrapped.getKeyId();
        synchronized (cache) {
            Unwrapped cached = cache.get(id);
            if (cached != null && cached.kekId.equals(wrapped.getKekId()) && Arrays.equals(cached.wrapped, wrappedBytes)) {
                return cached.key;
            }
        }
        byte[] key = kms.unwrap(new Kms.Wrapped(wrapped.getKekId(), wrappedBytes),
                DataKeys.wrappingAad(tenant, wrapped.getKeyId()));
        synchronized (cache) {
            cache.put(id, new Unwrapped(wrapped.getKekId(), wrappedBytes, key));
        }
        return key;
    }

    private static OpenedPayload unreadable(String why) {
        return new OpenedPayload(Status.UNREADABLE, null, null, why);
    }

    private record Unwrapped(String kekId, byte[] wrapped, byte[] key) {
    }
}
