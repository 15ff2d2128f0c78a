package io.veridict.streams.store;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A persistent key-value store on RocksDB that keeps nothing of a deleted value on disk
 * for longer than {@link #ERASE_WITHIN} after the delete.
 *
 * <p>RocksDB (and Kafka Streams' own RocksDB store) leaves a deleted value in its table files
 * until a compaction happens to rewrite them, which may be never. This store remembers the keys
 * deleted, and at most {@link #ERASE_WITHIN} after the first of them (on a thread of its own: Kafka
 * Streams does not flush stores at each commit under exactly-once, and processors may not) it
 * writes the memtable out and compacts the key range they span, so the table files that held the
 * values are rewritten without them and removed. {@link #flush} and {@link #close} do the same at
 * once. A tombstone on a projected topic thus reaches the disk too.
 *
 * <p>Unlogged, it is a projection, rebuilt by its owner from the topic it projects (see
 * {@link TopicHistory}); logged, Kafka Streams restores it from its changelog (a tombstone there
 * deletes, and so erases, too). The write-ahead log is off, as in Kafka Streams' stores: what a
 * crash loses from memory the owner replays from the topic, or Kafka Streams from the changelog.
 */
public final class ErasingRocksDbStore implements KeyValueStore<Bytes, byte[]> {

    /** Longest time from a delete to the deleted bytes leaving the disk. */
    public static final Duration ERASE_WITHIN = Duration.ofSeconds(1);

    /** Runs the erasures of every store of this JVM; they are rare (retention) and short. */
    private static final ScheduledExecutorService ERASER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "erasing-rocksdb");
        thread.setDaemon(true);
        return thread;
    });

    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final Set<RocksIterators.Closing> openIterators = ConcurrentHashMap.newKeySet();
    private final Set<Bytes> erased = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean eraseScheduled = new AtomicBoolean();
    private Options options;
    private WriteOptions writeOptions;
    private RocksDB db;
    private volatile boolean open;

    public ErasingRocksDbStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        File dir = new File(new File(context.stateDir(), "rocksdb"), name);
        try {
            Files.createDirectories(dir.toPath());
            options = new Options().setCreateIfMissing(true);
            writeOptions = new WriteOptions().setDisableWAL(true);
            db = RocksDB.open(options, dir.getAbsolutePath());
        } catch (Exception e) {
            throw new ProcessorStateException("store " + name + ": cannot open RocksDB in " + dir, e);
        }
        open = true;
        // Called only for a logged store, whose changelog Kafka Streams restores it from.
        context.register(root, (key, value) -> put(Bytes.wrap(key), value));
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            delete(key);
            return;
        }
        try {
            db.put(writeOptions, key.get(), value);
        } catch (RocksDBException e) {
            throw failure("put", e);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    /** Deletes {@code key}; its value leaves the disk at the next {@link #flush}. */
    @Override
    public byte[] delete(Bytes key) {
        byte[] old = get(key);
        try {
            db.delete(writeOptions, key.get());
        } catch (RocksDBException e) {
            throw failure("delete", e);
        }
        if (old != null) {
            erased.add(key);
            if (eraseScheduled.compareAndSet(false, true)) {
                ERASER.schedule(() -> {
                    eraseScheduled.set(false); // a delete from now on schedules the next erasure
                    erase();
                }, ERASE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return old;
    }

    @Override
    public byte[] get(Bytes key) {
        try {
            return db.get(key.get());
        } catch (RocksDBException e) {
            throw failure("get", e);
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return track(RocksIterators.range(db, from, to, false));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return track(RocksIterators.range(db, from, to, true));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return track(RocksIterators.range(db, null, null, false));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return track(RocksIterators.range(db, null, null, true));
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
        return track(RocksIterators.prefix(db, serializer.serialize(null, prefix)));
    }

    @Override
    public long approximateNumEntries() {
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("count", e);
        }
    }

    /** Writes the memtable out and, when keys were deleted since the last flush, compacts their range. */
    @Override
    public void flush() {
        erase();
    }

    /** What {@link #flush} does; also run by the eraser thread after a delete. */
    private synchronized void erase() {
        if (!open) {
            return;
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
            if (!erased.isEmpty()) {
                List<Bytes> keys = List.copyOf(erased);
                byte[] first = Collections.min(keys).get();
                byte[] last = Collections.max(keys).get();
                byte[] end = Arrays.copyOf(last, last.length + 1); // the range end is exclusive
                try (CompactRangeOptions compact = new CompactRangeOptions()
                        .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
                    db.compactRange(db.getDefaultColumnFamily(), first, end, compact);
                }
                erased.removeAll(keys);
            }
        } catch (RocksDBException e) {
            throw failure("flush", e);
        }
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        erase();
        open = false;
        openIterators.forEach(RocksIterators.Closing::close);
        db.close();
        writeOptions.close();
        options.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    private KeyValueIterator<Bytes, byte[]> track(RocksIterators.Closing iterator) {
        openIterators.add(iterator);
        iterator.onClose(() -> openIterators.remove(iterator));
        return iterator;
    }

    private ProcessorStateException failure(String operation, RocksDBException e) {
        return new ProcessorStateException("store " + name + ": RocksDB " + operation + " failed", e);
    }
}
