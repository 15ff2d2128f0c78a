package io.veridict.verifier;

import io.veridict.verifier.PartitionReader.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads ranges with a {@link PartitionReader} on a thread of its own and hands over what each
 * poll returned, each record already turned into a {@code T} by a {@link Preparer} on that
 * thread, so that fetching, parsing Kafka's record batches and the work each record needs on
 * its own (decoding, hashing) overlap with verifying. The ranges are read one after the other,
 * in the order given, each in offset order; the taker gets every record in exactly the order a
 * reader on its own thread would handle them.
 *
 * <p>At most {@value #CAPACITY} polls' worth of records wait to be taken. The reader's thread
 * is the only user of the consumer until {@link #close()} has returned; a failure of the read
 * is thrown by {@link #next()} once the records read before it have been taken. Taken by one
 * thread at a time.
 */
final class RecordFeed<T> implements AutoCloseable {

    /** Polls read ahead of the taker, at most. */
    static final int CAPACITY = 8;

    /** Turns a record into what the taker needs, on the reading thread; may stop the read by throwing. */
    @FunctionalInterface
    interface Preparer<T> {
        T prepare(ConsumerRecord<byte[], byte[]> record) throws ReplayException;
    }

    /**
     * What one poll of {@code range} returned, or its end.
     *
     * @param range    the range read
     * @param records  its records, prepared, in offset order
     * @param consumed offsets consumed by the poll (see {@link PartitionReader#read})
     * @param end      true for the item after the last poll of the range, which has no records
     */
    record Batch<T>(Range range, List<T> records, long consumed, boolean end) {
    }

    /** The read failed; thrown on the taker's thread. */
    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final PartitionReader reader;
    private final List<Range> ranges;
    private final Preparer<T> preparer;
    private final Thread thread;
    private volatile boolean closing;

    private RecordFeed(PartitionReader reader, List<Range> ranges, Preparer<T> preparer) {
        this.reader = reader;
        this.ranges = List.copyOf(ranges);
        this.preparer = preparer;
        this.thread = new Thread(this::readAll, "veridict-replay-reader");
        thread.setDaemon(true);
    }

    /** Starts reading {@code ranges} in order, preparing each record with {@code preparer}. */
    static <T> RecordFeed<T> start(PartitionReader reader, List<Range> ranges, Preparer<T> preparer) {
        RecordFeed<T> feed = new RecordFeed<>(reader, ranges, preparer);
        feed.thread.start();
        return feed;
    }

    /**
     * The next poll's records, or the end of a range.
     *
     * @throws ReplayException if the read failed (as {@link PartitionReader#read} throws it)
     */
    @SuppressWarnings("unchecked") // only Batch<T> and Failure are ever queued
    Batch<T> next() throws ReplayException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while reading " + ranges, e);
        }
        if (item instanceof Failure failure) {
            queue.add(failure); // every later call fails the same way
            return rethrow(failure.cause());
        }
        return (Batch<T>) item;
    }

    /**
     * Stops the reading thread, if it still runs, and waits for it: the consumer is then the
     * caller's again. An interrupt, not {@code Consumer.wakeup()}: a wake-up that came too late
     * for this read would stay pending and fail the consumer's next poll.
     */
    @Override
    public void close() {
        closing = true;
        if (thread.isAlive()) {
            thread.interrupt(); // ends a poll, a hand-over, or nothing if the read is over
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        try {
            for (Range range : ranges) {
                Polls polls = new Polls(range);
                reader.read(range, polls::add, polls::handOver);
                put(new Batch<T>(range, List.of(), 0, true));
            }
        } catch (Stopped e) {
            // closed while waiting for the taker: nobody takes any more
        } catch (Throwable e) { // handed to the taker, whatever it is, after the records read before it
            if (!closing) {
                try {
                    put(new Failure(e));
                } catch (Stopped stopped) {
                    // closed meanwhile
                }
            }
        }
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private static <T> Batch<T> rethrow(Throwable cause) throws ReplayException {
        if (cause instanceof ReplayException e) {
            throw e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }

    /** The records of the poll under way, handed over when the reader reports its progress. */
    private final class Polls {
        private final Range range;
        private List<T> records = new ArrayList<>();

        Polls(Range range) {
            this.range = range;
        }

        void add(ConsumerRecord<byte[], byte[]> record) throws ReplayException {
            records.add(preparer.prepare(record));
        }

        void handOver(long consumed) {
            put(new Batch<>(range, records, consumed, false));
            records = new ArrayList<>();
        }
    }

    /** The reading thread was interrupted by {@link #close()} while handing over. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
