package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.streams.topics.LedgerTopics;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsFactoryTest {

    private static final LedgerTopics TOPICS = LedgerTopics.standard("veridict.", 6, (short) 3, 2);

    @Test
    void shouldWriteTheTopologysOutputInLargeLz4Batches() {
        Properties p = new StreamsFactory().streamsProperties(new KafkaFactory(), TOPICS);

        assertThat(p).containsEntry("producer.compression.type", "lz4")
                .containsEntry("producer.batch.size", 256 * 1024);
    }

    @Test
    void shouldLetExtraPropertiesOverrideTheProducerTuning() {
        StreamsFactory factory = new StreamsFactory();
        factory.setProperties(Map.of("producer.compression.type", "zstd"));

        assertThat(factory.streamsProperties(new KafkaFactory(), TOPICS)).containsEntry("producer.compression.type", "zstd");
    }

    @Test
    void shouldKeepExactlyOnceWhateverExtraPropertiesSay() {
        StreamsFactory factory = new StreamsFactory();
        factory.setProperties(Map.of("processing.guarantee", "at_least_once"));

        assertThat(factory.streamsProperties(new KafkaFactory(), TOPICS)).containsEntry("processing.guarantee", "exactly_once_v2");
    }
}
