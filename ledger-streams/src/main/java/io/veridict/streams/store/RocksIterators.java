package io.veridict.streams.store;

import java.util.Arrays;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/** {@link KeyValueIterator}s over a RocksDB key range, in byte order or reversed. */
final class RocksIterators {

    private RocksIterators() {
    }

    /** An iterator its store can close, and which tells the store when it is closed. */
    interface Closing extends KeyValueIterator<Bytes, byte[]> {
        void onClose(Runnable action);
    }

    /** Keys from {@code from} to {@code to}, both inclusive; null means unbounded. */
    static Closing range(RocksDB db, Bytes from, Bytes to, boolean reverse) {
        RocksIterator it = db.newIterator();
        if (reverse) {
            if (to == null) {
                it.seekToLast();
            } else {
                it.seekForPrev(to.get());
            }
        } else if (from == null) {
            it.seekToFirst();
        } else {
            it.seek(from.get());
        }
        Bytes stop = reverse ? from : to;
        return new Walk(it, reverse, key -> stop == null || (reverse ? Bytes.wrap(key).compareTo(stop) >= 0
                : Bytes.wrap(key).compareTo(stop) <= 0));
    }

    /** Keys starting with {@code prefix}, in byte order. */
    static Closing prefix(RocksDB db, byte[] prefix) {
        RocksIterator it = db.newIterator();
        it.seek(prefix);
        return new Walk(it, false, key -> key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length));
    }

    private interface Bound {
        boolean admits(byte[] key);
    }

    private static final class Walk implements Closing {
        private final RocksIterator it;
        private final boolean reverse;
        private final Bound bound;
        private Runnable onClose = () -> { };
        private boolean closed;

        Walk(RocksIterator it, boolean reverse, Bound bound) {
            this.it = it;
            this.reverse = reverse;
            this.bound = bound;
        }

        @Override
        public boolean hasNext() {
            return !closed && it.isValid() && bound.admits(it.key());
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> next = KeyValue.pair(Bytes.wrap(it.key()), it.value());
            if (reverse) {
                it.prev();
            } else {
                it.next();
            }
            return next;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return Bytes.wrap(it.key());
        }

        @Override
        public void onClose(Runnable action) {
            this.onClose = action;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                it.close();
                onClose.run();
            }
        }
    }
}
