package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsFactoryTest {

    @TempDir
    Path tmp;

    private Properties properties(StreamsFactory streams) {
        KafkaFactory kafka = new KafkaFactory();
        return streams.streamsProperties(kafka, kafka.topics());
    }

    @Test
    void shouldJoinUnderANameKeptInTheStateFolder() {
        StreamsFactory streams = new StreamsFactory();
        streams.setStateDir(tmp.toString());
        Properties p = properties(streams);
        String name = (String) p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertThat(name).isEqualTo(InstanceName.keptIn(tmp, "veridict-ledger"));
        assertThat(properties(streams).get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
                .isEqualTo(name);
        assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))).isEqualTo(6000);
        assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG))).isEqualTo(1000);
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))).isEqualTo(5000);
    }

    @Test
    void shouldUseAConfiguredNameAndTimeouts() {
        StreamsFactory streams = new StreamsFactory();
        streams.setStateDir(tmp.toString());
        streams.setInstanceId(" veridict-2 ");
        streams.setSessionTimeout(Duration.seconds(12));
        streams.setTransactionTimeout(Duration.seconds(8));
        Properties p = properties(streams);
        assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))).isEqualTo("veridict-2");
        assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))).isEqualTo(12000);
        assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG))).isEqualTo(2000);
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))).isEqualTo(8000);
        assertThat(tmp.resolve("veridict-ledger.instance-id")).doesNotExist();
    }

    @Test
    void shouldRefuseATransactionTimeoutTooCloseToTheCommitInterval() {
        StreamsFactory streams = new StreamsFactory();
        assertThat(streams.isTransactionTimeoutLongEnough()).isTrue();
        streams.setCommitInterval(Duration.seconds(1));
        assertThat(streams.isTransactionTimeoutLongEnough()).isFalse();
        streams.setTransactionTimeout(Duration.seconds(10));
        assertThat(streams.isTransactionTimeoutLongEnough()).isTrue();
    }
}
