package io.veridict.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class LedgerTopicsTest {

    @Test
    void shouldCompactPayloadsAndKeepEntriesForever() {
        LedgerTopics topics = LedgerTopics.standard("veridict.", 6, (short) 3, 2);

        assertThat(topics.payloads().configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(topics.entries().configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(topics.all()).allSatisfy(t -> assertThat(t.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
        assertThat(topics.commands().name()).isEqualTo("veridict.commands");
    }

    @Test
    void shouldRefuseTopicsThatAreNotCoPartitioned() {
        TopicSpec six = new TopicSpec("a", 6, (short) 1, Map.of());
        TopicSpec three = new TopicSpec("b", 3, (short) 1, Map.of());

        assertThatThrownBy(() -> new LedgerTopics(six, three, six, six, six, six, six))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same partition count");
    }

    @Test
    void shouldRefuseNonsensicalSpecs() {
        assertThatThrownBy(() -> new TopicSpec("x", 0, (short) 1, Map.of())).hasMessageContaining("partitions");
        assertThatThrownBy(() -> new TopicSpec(" ", 1, (short) 1, Map.of())).hasMessageContaining("blank");
    }
}
