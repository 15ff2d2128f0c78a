package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.verifier.PartitionReader.Range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The feed hands over every record of every range, in order, and stops cleanly whatever happens. */
class RecordFeedTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition Q0 = new TopicPartition("u", 0);

    @Test
    void shouldHandOverEveryRecordOfEveryRangeInOrderWithTheOffsetsConsumed() throws Exception {
        Log log = new Log(Map.of(P0, 10L, P1, 0L, Q0, 7L));
        List<Range> ranges = List.of(new Range(P0, 2, 10), new Range(P1, 0, 0), new Range(Q0, 0, 5));

        List<String> seen = new ArrayList<>();
        try (RecordFeed<String> feed = RecordFeed.start(new PartitionReader(log, Duration.ofSeconds(5)), ranges,
                r -> r.topic() + r.partition() + "@" + r.offset())) {
            for (Range range : ranges) {
                long consumed = 0;
                for (RecordFeed.Batch<String> batch = feed.next(); !batch.end(); batch = feed.next()) {
                    assertThat(batch.range()).isEqualTo(range);
                    seen.addAll(batch.records());
                    consumed += batch.consumed();
                }
                assertThat(consumed).isEqualTo(range.size());
            }
        }

        assertThat(seen).containsExactly("t0@2", "t0@3", "t0@4", "t0@5", "t0@6", "t0@7", "t0@8", "t0@9",
                "u0@0", "u0@1", "u0@2", "u0@3", "u0@4");
    }

    @Test
    void shouldThrowTheReadsFailureAfterTheRecordsReadBeforeIt() throws Exception {
        Log log = new Log(Map.of(P0, 10L));
        log.failOnPoll = 2;

        try (RecordFeed<Long> feed = RecordFeed.start(new PartitionReader(log, Duration.ofSeconds(5)),
                List.of(new Range(P0, 0, 10)), ConsumerRecord::offset)) {
            assertThat(feed.next().records()).hasSize(Log.PER_POLL);
            assertThatThrownBy(feed::next).isInstanceOf(ReplayException.class)
                    .hasMessageContaining("reading t-0 failed: broker gone");
            assertThatThrownBy(feed::next).isInstanceOf(ReplayException.class);
        }
    }

    @Test
    void shouldThrowThePreparersFailureAfterTheRecordsPreparedBeforeIt() throws Exception {
        Log log = new Log(Map.of(P0, 10L));
        RecordFeed.Preparer<Long> failingAt4 = r -> {
            if (r.offset() == 4) {
                throw new ReplayException("registry down at offset 4");
            }
            return r.offset();
        };

        try (RecordFeed<Long> feed = RecordFeed.start(new PartitionReader(log, Duration.ofSeconds(5)),
                List.of(new Range(P0, 0, 10)), failingAt4)) {
            assertThat(feed.next().records()).containsExactly(0L, 1L, 2L);
            assertThatThrownBy(feed::next).isInstanceOf(ReplayException.class).hasMessage("registry down at offset 4");
        }
    }

    @Test
    void shouldStopReadingWhenClosedBeforeTheEnd() throws Exception {
        Log log = new Log(Map.of(P0, 1_000L));
        RecordFeed<Long> feed = RecordFeed.start(new PartitionReader(log, Duration.ofSeconds(5)),
                List.of(new Range(P0, 0, 1_000)), ConsumerRecord::offset);
        feed.next();

        feed.close(); // the reader is blocked handing over: the queue is full

        int polls = log.polls.get();
        assertThat(polls).isLessThanOrEqualTo(RecordFeed.CAPACITY + 2);
        // close() has joined the reading thread, so nothing polls any more
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("veridict-replay-reader"));
        assertThat(log.polls.get()).isEqualTo(polls);
    }

    /** A consumer over partitions of {@code size} records each, {@value #PER_POLL} records per poll. */
    private static final class Log extends MockConsumer<byte[], byte[]> {
        static final int PER_POLL = 3;

        private final Map<TopicPartition, Long> sizes;
        final AtomicInteger polls = new AtomicInteger();
        int failOnPoll = -1;

        Log(Map<TopicPartition, Long> sizes) {
            super("earliest");
            this.sizes = sizes;
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (polls.incrementAndGet() == failOnPoll) {
                throw new KafkaException("broker gone");
            }
            for (TopicPartition tp : assignment()) {
                long from = position(tp);
                for (long offset = from; offset < Math.min(from + PER_POLL, sizes.get(tp)); offset++) {
                    addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, new byte[] {1}, new byte[] {2}));
                }
            }
            return super.poll(timeout);
        }
    }
}
