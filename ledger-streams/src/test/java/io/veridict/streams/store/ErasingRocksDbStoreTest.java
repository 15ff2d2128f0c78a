package io.veridict.streams.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.testing.FilesHolding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasingRocksDbStoreTest {

    private static final String MARKER = "erase-me-7f3a9c";

    @TempDir
    Path stateDir;
    private ErasingRocksDbStore store;

    @BeforeEach
    void open() {
        store = new ErasingRocksDbStore("payloads-test");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0),
                stateDir.toFile());
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldLeaveNoByteOfADeletedValueOnDiskAfterTheNextFlush() throws IOException {
        for (int i = 0; i < 2_000; i++) {
            store.put(key(i), value(i == 700 ? MARKER + "-" + "x".repeat(200) : "payload-" + i));
        }
        store.flush();
        assertThat(filesContaining(MARKER)).as("written to disk before the delete").isNotEmpty();

        store.delete(key(700));
        store.flush();

        assertThat(filesContaining(MARKER)).isEmpty();
        assertThat(store.get(key(700))).isNull();
        assertThat(new String(store.get(key(699)), StandardCharsets.UTF_8)).isEqualTo("payload-699");
        assertThat(new String(store.get(key(701)), StandardCharsets.UTF_8)).isEqualTo("payload-701");
    }

    @Test
    void shouldEraseADeletedValueFromDiskOnItsOwnWithinTheBound() throws Exception {
        for (int i = 0; i < 100; i++) {
            store.put(key(i), value(i == 50 ? MARKER + "-own" : "payload-" + i));
        }
        store.flush();
        assertThat(filesContaining(MARKER)).isNotEmpty();
        long deleted = System.nanoTime();

        store.delete(key(50));
        while (!filesContaining(MARKER).isEmpty() && System.nanoTime() - deleted < 5 * ErasingRocksDbStore.ERASE_WITHIN.toNanos()) {
            Thread.sleep(20);
        }

        assertThat(filesContaining(MARKER)).isEmpty();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - deleted))
                .isLessThan(ErasingRocksDbStore.ERASE_WITHIN.multipliedBy(3));
    }

    @Test
    void shouldIterateRangesPrefixesAndBothDirectionsInByteOrder() {
        for (int i = 0; i < 20; i++) {
            store.put(key(i), value("v" + i));
        }
        store.put(Bytes.wrap("other".getBytes(StandardCharsets.UTF_8)), value("o"));

        assertThat(keys(store.range(key(3), key(6)))).containsExactly(3, 4, 5, 6);
        assertThat(keys(store.reverseRange(key(3), key(6)))).containsExactly(6, 5, 4, 3);
        assertThat(keys(store.prefixScan("key-1", Serdes.String().serializer()))).containsExactly(10, 11, 12, 13, 14, 15, 16,
                17, 18, 19);
        assertThat(keys(store.range(key(19), key(3)))).isEmpty();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            assertThat(all.peekNextKey()).isEqualTo(key(0));
        }
        assertThat(store.approximateNumEntries()).isPositive();
    }

    private List<Path> filesContaining(String text) {
        return FilesHolding.text(stateDir, text);
    }

    private static List<Integer> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<Integer> keys = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, byte[]> next = iterator.next();
                String key = new String(next.key.get(), StandardCharsets.UTF_8);
                keys.add(Integer.parseInt(key.substring("key-".length())));
            }
        }
        return keys;
    }

    private static Bytes key(int i) {
        return Bytes.wrap(String.format("key-%02d", i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
