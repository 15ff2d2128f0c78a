package io.veridict.streams.store;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/** Supplies {@link ErasingRocksDbStore}s, for {@code Stores.keyValueStoreBuilder}. */
public final class ErasingRocksDbSupplier implements KeyValueBytesStoreSupplier {

    private final String name;

    public ErasingRocksDbSupplier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new ErasingRocksDbStore(name);
    }

    @Override
    public String metricsScope() {
        return "erasing-rocksdb";
    }
}
