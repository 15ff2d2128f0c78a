package io.veridict.api.auth;

import io.veridict.api.core.LedgerUnavailableException;
import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.TenantState;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.access.AccessKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 */
public class AccessView {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;

    public AccessView(KafkaStreams streams) {
        this.streams = streams;
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
        return streams.store(StoreQueryParameters.fromNameAndType(LedgerTopology.ACCESS_VIEW,
                QueryableStoreTypes.<String, AccessRecord>keyValueStore()));
    }

    private static <T> Optional<T> read(Supplier<T> query) {
        try {
            return Optional.ofNullable(query.get());
        } catch (InvalidStateStoreException e) {
            throw new LedgerUnavailableException("the access view is not readable right now; retry shortly", e);
        }
    }
}
