package io.veridict.bench;

import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.format.ConsistencyProofVerifier;
import io.veridict.schemas.format.InclusionProofVerifier;
import io.veridict.schemas.format.LedgerFormatException;
import io.veridict.schemas.format.MerkleFrontier;
import io.veridict.schemas.format.MerkleProofs;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.MerkleNodes;
import io.veridict.streams.chain.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Figure 6: how long the proof endpoints' own work takes for one tenant of N entries. A Kafka
 * Streams application against the dev broker owns the chain's two stores the proofs read
 * ({@link ChainStores#ENTRIES}, {@link ChainStores#NODES}; same builders, so same RocksDB settings
 * and serdes) and fills them with N entries of one tenant as the chain does (each leaf appended
 * to a frontier that keeps the completed subtrees). Then it answers the questions the endpoints
 * answer, through interactive queries exactly as the API reads them: an inclusion proof (the
 * entry's leaf, the proof, the root of its tree) and a consistency proof (the proof and both
 * roots), at random seqs and sizes. Every proof is checked; one that does not verify is an error.
 * HTTP and JSON are not in the figure (the refusal figure 3 gives their cost).
 */
final class ProofLatency {

    static final String TENANT = "proofs";

    /** One run's latencies, in milliseconds. */
    record Result(double inclusionP50, double inclusionP99, double consistencyP50, double consistencyP99, long errors) {
    }

    private final Admin admin;
    private final String bootstrapServers;
    private final Path stateRoot;
    private final Duration timeout;

    ProofLatency(Admin admin, String bootstrapServers, Path stateRoot, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.stateRoot = stateRoot;
        this.timeout = timeout;
    }

    /** A filled tree, queryable until closed. */
    final class Tree implements AutoCloseable {
        private final KafkaStreams streams;
        private final String topic;
        final long leaves;
        final double fillSeconds;

        private Tree(KafkaStreams streams, String topic, long leaves, double fillSeconds) {
            this.streams = streams;
            this.topic = topic;
            this.leaves = leaves;
            this.fillSeconds = fillSeconds;
        }

        /** {@code queries} questions of each kind, at seqs and sizes drawn with {@code seed}. */
        Result measure(int queries, long seed) {
            Random random = new Random(seed);
            double[] inclusion = new double[queries];
            double[] consistency = new double[queries];
            long errors = 0;
            for (int i = 0; i < queries; i++) {
                long seq = (long) (random.nextDouble() * leaves);
                long size = seq + 1 + (long) (random.nextDouble() * (leaves - seq));
                long started = System.nanoTime();
                MerkleProofs.SubtreeHashes source = source();
                byte[] leaf = this.<Bytes, RunEntry>store(ChainStores.ENTRIES).get(StoreKeys.seq(TENANT, seq))
                        .getHeader().getLeafHash().bytes();
                List<byte[]> proof = MerkleProofs.inclusion(source, seq, size);
                byte[] root = MerkleProofs.root(source, size);
                inclusion[i] = (System.nanoTime() - started) / 1e6;
                try {
                    InclusionProofVerifier.verify(seq, size, leaf, proof, root);
                } catch (LedgerFormatException e) {
                    errors++;
                }

                long to = 1 + (long) (random.nextDouble() * leaves);
                long from = 1 + (long) (random.nextDouble() * to);
                started = System.nanoTime();
                source = source();
                List<byte[]> steps = MerkleProofs.consistency(source, from, to);
                byte[] fromRoot = MerkleProofs.root(source, from);
                byte[] toRoot = MerkleProofs.root(source, to);
                consistency[i] = (System.nanoTime() - started) / 1e6;
                try {
                    ConsistencyProofVerifier.verify(from, to, fromRoot, toRoot, steps);
                } catch (LedgerFormatException e) {
                    errors++;
                }
            }
            Arrays.sort(inclusion);
            Arrays.sort(consistency);
            return new Result(percentile(inclusion, 0.50), percentile(inclusion, 0.99), percentile(consistency, 0.50),
                    percentile(consistency, 0.99), errors);
        }

        /** What {@code ChainViews.subtrees} gives the API: the two stores, looked up for this question. */
        private MerkleProofs.SubtreeHashes source() {
            return MerkleNodes.source(this.<Bytes, byte[]>store(ChainStores.NODES), this.<Bytes, RunEntry>store(ChainStores.ENTRIES),
                    TENANT);
        }

        private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
        }

        @Override
        public void close() throws Exception {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the application and fills the stores with {@code leaves} entries; waits until they are queryable. */
    Tree build(long leaves) throws Exception {
        String id = "veridict-bench-proofs-" + System.nanoTime();
        admin.createTopics(List.of(new NewTopic(id, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        StreamsBuilder builder = new StreamsBuilder();
        Set<String> stores = Set.of(ChainStores.ENTRIES, ChainStores.NODES);
        ChainStores.builders().stream().filter(b -> stores.contains(b.name())).forEach(builder::addStateStore);
        CountDownLatch filled = new CountDownLatch(1);
        AtomicReference<Double> seconds = new AtomicReference<>();
        builder.stream(id, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Filler(leaves, filled, seconds), Named.as("fill"), ChainStores.ENTRIES, ChainStores.NODES);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(id).toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), (int) Duration.ofMinutes(30).toMillis());
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            filled.countDown();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        Tree tree = new Tree(streams, id, leaves, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!filled.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || failure.get() != null) {
            tree.close();
            throw new IllegalStateException("the proof stores were not filled within " + timeout, failure.get());
        }
        while (true) {
            try {
                tree.store(ChainStores.NODES).approximateNumEntries();
                return new Tree(streams, id, leaves, seconds.get());
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    tree.close();
                    throw new IllegalStateException("the proof stores did not become queryable within " + timeout, e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Fills the two stores when its task starts, as the chain would have over {@code leaves} entries. */
    private static final class Filler implements Processor<String, String, Void, Void> {
        private final long leaves;
        private final CountDownLatch filled;
        private final AtomicReference<Double> seconds;

        Filler(long leaves, CountDownLatch filled, AtomicReference<Double> seconds) {
            this.leaves = leaves;
            this.filled = filled;
            this.seconds = seconds;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            KeyValueStore<Bytes, RunEntry> entries = context.getStateStore(ChainStores.ENTRIES);
            KeyValueStore<Bytes, byte[]> nodes = context.getStateStore(ChainStores.NODES);
            long started = System.nanoTime();
            Sha256 zero = new Sha256(new byte[32]);
            MerkleProofs.SubtreeSink sink = MerkleNodes.sink(nodes, TENANT);
            MerkleFrontier tree = MerkleFrontier.empty();
            ByteBuffer seqBytes = ByteBuffer.allocate(Long.BYTES);
            for (long seq = 0; seq < leaves; seq++) {
                byte[] leaf = io.veridict.schemas.format.Sha256.hashPrefixed((byte) 0, seqBytes.clear().putLong(seq).array());
                LedgerEntry header = new LedgerEntry(2, TENANT, seq, "e" + seq, EntryType.DECISION, Instant.EPOCH, Instant.EPOCH,
                        null, "c", zero, new Sha256(leaf), zero, zero);
                entries.put(StoreKeys.seq(TENANT, seq), new RunEntry(header, null));
                tree = tree.append(leaf, sink);
            }
            entries.flush();
            nodes.flush();
            seconds.set((System.nanoTime() - started) / 1e9);
            filled.countDown();
        }

        @Override
        public void process(Record<String, String> record) {
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
