package io.veridict.streams.store;

/**
 * The committed records of one partition of a topic, from a given offset to its end at the time
 * of the call: what a projection is rebuilt or caught up from.
 */
public interface TopicHistory {

    /** Receives one record: raw key and value bytes (a null value is a tombstone). */
    interface Sink {
        void accept(byte[] key, byte[] value);
    }

    /**
     * Feeds every committed record of {@code topic}/{@code partition} from offset {@code from}
     * on, in offset order, to {@code sink}, up to the partition's last stable offset as of the call.
     *
     * @return the offset after the last one considered (where a later replay goes on from)
     */
    long replay(String topic, int partition, long from, Sink sink);

    /**
     * The partition's last stable offset now: every committed record lies before it.
     */
    long end(String topic, int partition);
}
