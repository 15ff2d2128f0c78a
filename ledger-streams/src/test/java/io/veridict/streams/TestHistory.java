package io.veridict.streams;

import io.veridict.streams.store.TopicHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link TopicHistory}: the records a test says each partition holds. */
public final class TestHistory implements TopicHistory {

    private final Map<String, List<byte[][]>> records = new HashMap<>();

    /** A history with nothing in it. */
    public static TestHistory empty() {
        return new TestHistory();
    }

    /** Appends a record to {@code topic}'s partition {@code partition}. */
    public TestHistory add(String topic, int partition, byte[] key, byte[] value) {
        records.computeIfAbsent(topic + "/" + partition, p -> new ArrayList<>()).add(new byte[][] {key, value});
        return this;
    }

    @Override
    public long replay(String topic, int partition, long from, Sink sink) {
        List<byte[][]> held = records.getOrDefault(topic + "/" + partition, List.of());
        for (int i = (int) from; i < held.size(); i++) {
            sink.accept(held.get(i)[0], held.get(i)[1]);
        }
        return Math.max(from, held.size());
    }

    @Override
    public long end(String topic, int partition) {
        return records.getOrDefault(topic + "/" + partition, List.of()).size();
    }
}
