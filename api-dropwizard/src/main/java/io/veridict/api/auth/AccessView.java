package io.veridict.api.auth;

import io.veridict.api.core.LedgerUnavailableException;
import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.TenantState;
import io.veridict.schemas.avro.TenantStatus;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.access.AccessKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's copy of the access topic (a global store): every tenant and every API key,
 * as the chain last published them. Authentication reads it on every request.
 *
 * <p>Authentication's reads ({@link #credentials}, {@link #tenantStatus}) read the stored bytes on
 * every call, and decode them only when they differ from the bytes last decoded for that key
 * ({@link DecodedCache}, given the store's {@link AccessViewSerde}). A change published to the
 * access topic is therefore seen by the first request after it reaches this instance, as without
 * the cache. The other reads decode every time and hand out objects of their own.
 */
public class AccessView {

    /** How many keys, and separately how many tenants, authentication keeps decoded. */
    static final int DECODED_ENTRIES = 10_000;

    private static final StringSerializer KEYS = new StringSerializer();

    private final Supplier<ReadOnlyKeyValueStore<String, AccessRecord>> stores;
    private final AccessViewSerde serde;
    private final DecodedCache<KeyCredentials> decodedKeys = new DecodedCache<>(DECODED_ENTRIES);
    private final DecodedCache<TenantStatus> decodedTenants = new DecodedCache<>(DECODED_ENTRIES);

    /** A view that decodes on every read (the topology's access view was built with another serde). */
    public AccessView(KafkaStreams streams) {
        this(streams, null);
    }

    /**
     * @param streams the running topology
     * @param serde   the value serde the topology's access view was built with; {@code null} when
     *                it is another serde, and then authentication decodes on every read
     */
    public AccessView(KafkaStreams streams, AccessViewSerde serde) {
        this(() -> streams.store(StoreQueryParameters.fromNameAndType(LedgerTopology.ACCESS_VIEW,
                QueryableStoreTypes.<String, AccessRecord>keyValueStore())), serde);
    }

    /** A view of the store {@code stores} gives (looked up on every read). */
    AccessView(Supplier<ReadOnlyKeyValueStore<String, AccessRecord>> stores, AccessViewSerde serde) {
        this.stores = stores;
        this.serde = serde;
    }

    /** The key {@code keyId} as authentication reads it. */
    Optional<KeyCredentials> credentials(String keyId) {
        return decoded(decodedKeys, AccessKeys.key(keyId),
                r -> r.getState() instanceof ApiKeyState key ? KeyCredentials.of(key) : null);
    }

    /** The status of tenant {@code tenantId}, as authentication reads it. */
    Optional<TenantStatus> tenantStatus(String tenantId) {
        return decoded(decodedTenants, AccessKeys.tenant(tenantId),
                r -> r.getState() instanceof TenantState tenant ? tenant.getStatus() : null);
    }

    private <T> Optional<T> decoded(DecodedCache<T> cache, String storeKey, Function<AccessRecord, T> form) {
        if (serde == null) {
            return read(() -> store().get(storeKey)).map(form);
        }
        return read(() -> serde.storedBytes(() -> store().get(storeKey))).map(stored -> stored.bytes() == null
                ? form.apply(stored.decoded())
                : cache.get(storeKey, stored.bytes(), bytes -> form.apply(serde.decode(stored.topic(), bytes))));
    }

    public Optional<TenantState> tenant(String tenantId) {
        return read(() -> store().get(AccessKeys.tenant(tenantId))).map(r -> (TenantState) r.getState());
    }

    public Optional<ApiKeyState> key(String keyId) {
        return read(() -> store().get(AccessKeys.key(keyId))).flatMap(r ->
                r.getState() instanceof ApiKeyState key ? Optional.of(key) : Optional.empty());
    }

    /** The keys of {@code tenantId}, by key id. */
    public List<ApiKeyState> keysOf(String tenantId) {
        return scan(AccessKeys.tenantKeyPrefix(tenantId));
    }

    /** Every key of every tenant (for the expiry sweep). */
    public List<ApiKeyState> allKeys() {
        return scan(AccessKeys.key(""));
    }

    private List<ApiKeyState> scan(String prefix) {
        return read(() -> {
            List<ApiKeyState> keys = new ArrayList<>();
            try (KeyValueIterator<String, AccessRecord> it = store().prefixScan(prefix, KEYS)) {
                while (it.hasNext()) {
                    KeyValue<String, AccessRecord> next = it.next();
                    if (next.value.getState() instanceof ApiKeyState key) {
                        keys.add(key);
                    }
                }
            }
            return keys;
        }).orElseThrow();
    }

    private ReadOnlyKeyValueStore<String, AccessRecord> store() {
        return stores.get();
    }

    private static <T> Optional<T> read(Supplier<T> query) {
        try {
            return Optional.ofNullable(query.get());
        } catch (InvalidStateStoreException e) {
            throw new LedgerUnavailableException("the access view is not readable right now; retry shortly", e);
        }
    }
}
