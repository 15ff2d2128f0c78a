package io.veridict.api.auth;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What authentication decoded from the access view, per store key, together with the exact
 * bytes it was decoded from. A lookup gives the current stored bytes; the decoded value is
 * reused only when they are byte for byte the bytes it came from, and is decoded again (and
 * replaces the old one) otherwise. So the cache saves decoding, never a read: a revoked, rotated,
 * expired or suspended entry is stored as new bytes, and the very next lookup decodes those.
 *
 * <p>At most {@code capacity} keys are held; a new key beyond that evicts another one. Values
 * must be immutable: they are shared by every thread that looks the same bytes up. Thread-safe.
 *
 * @param <T> the decoded form
 */
final class DecodedCache<T> {

    private final int capacity;
    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

    DecodedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * The decoded form of {@code stored}, the bytes {@code key} holds now: the cached one when it
     * was decoded from these very bytes, otherwise {@code decode(stored)}, which is then cached.
     * {@code decode} may answer {@code null} (cached too).
     */
    T get(String key, byte[] stored, Function<byte[], T> decode) {
        Objects.requireNonNull(stored, "stored");
        Entry<T> cached = entries.get(key);
        if (cached != null && Arrays.equals(cached.stored, stored)) {
            return cached.value;
        }
        byte[] copy = stored.clone(); // decoded from, and kept as, bytes no one else holds
        T value = decode.apply(copy);
        Entry<T> entry = new Entry<>(copy, value);
        synchronized (this) {
            if (!entries.containsKey(key)) {
                Iterator<String> keys = entries.keySet().iterator();
                while (entries.size() >= capacity && keys.hasNext()) {
                    keys.next();
                    keys.remove();
                }
            }
            entries.put(key, entry);
        }
        return value;
    }

    /** How many keys are held. */
    int size() {
        return entries.size();
    }

    private record Entry<T>(byte[] stored, T value) {
    }
}
