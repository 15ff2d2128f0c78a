package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Records written between two end-offset snapshots, by topic and kind, per entry. */
class RecordsWrittenTest {

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void shouldSumEndOffsetDifferencesPerTopicCountingNewPartitionsFromZero() {
        Map<TopicPartition, Long> before = Map.of(
                tp("veridict.entries", 0), 100L, tp("veridict.entries", 1), 50L,
                tp("veridict.commands", 0), 10L,
                tp("__consumer_offsets", 7), 1_000L,
                tp("idle", 0), 5L);
        Map<TopicPartition, Long> after = Map.of(
                tp("veridict.entries", 0), 130L, tp("veridict.entries", 1), 62L,
                tp("veridict.commands", 0), 30L,
                tp("__consumer_offsets", 7), 1_004L, tp("__transaction_state", 3), 6L,
                tp("veridict-ledger-tenant-heads-changelog", 2), 9L,
                tp("app-KSTREAM-X-repartition", 0), 3L,
                tp("idle", 0), 5L);

        RecordsWritten written = RecordsWritten.between(before, after);

        assertThat(written.byTopic()).isEqualTo(Map.of("veridict.entries", 42L, "veridict.commands", 20L,
                "__consumer_offsets", 4L, "__transaction_state", 6L, "veridict-ledger-tenant-heads-changelog", 9L,
                "app-KSTREAM-X-repartition", 3L));
        assertThat(written.total()).isEqualTo(84);
        assertThat(written.streamsInternal()).isEqualTo(12);
        assertThat(written.brokerInternal()).isEqualTo(10);
        assertThat(RecordsWritten.perEntry(written.total(), 20)).isEqualTo(4.2);
        assertThat(written.describe(20)).startsWith("records per entry by topic: veridict.entries 2.10, veridict.commands 1.00");
    }

    @Test
    void shouldHaveNoFigurePerEntryWithoutEntries() {
        assertThat(RecordsWritten.perEntry(10, 0)).isNaN();
    }

    @Test
    void shouldRefuseAnEndOffsetThatWentBack() {
        assertThatThrownBy(() -> RecordsWritten.between(Map.of(tp("t", 0), 10L), Map.of(tp("t", 0), 4L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t-0 went back from 10 to 4");
    }

    @Test
    void shouldAccountForAServiceRunPerEntry() {
        RecordsWritten written = RecordsWritten.between(Map.of(), Map.of(tp("veridict.entries", 0), 110L,
                tp("veridict-ledger-idempotency-index-changelog", 0), 110L, tp("__transaction_state", 0), 20L));
        EntryAccounting.Account account = new EntryAccounting.Account(written, 100, 50_000_000L);

        assertThat(account.recordsPerEntry()).isEqualTo(2.4);
        assertThat(account.streamsInternalPerEntry()).isEqualTo(1.1);
        assertThat(account.brokerInternalPerEntry()).isEqualTo(0.2);
        assertThat(account.serviceCpuMicrosPerEntry()).isEqualTo(500.0);
        assertThat(new EntryAccounting.Account(written, 100, -1).serviceCpuMicrosPerEntry()).isNaN();
    }
}
