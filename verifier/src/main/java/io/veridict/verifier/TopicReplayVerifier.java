package io.veridict.verifier;

import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.verifier.PartitionReader.Range;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Verifies tenants' ledgers straight from the Kafka topics, as an auditor would: with its own
 * consumer (manually assigned partitions, no group id, no commits, {@code read_committed}),
 * reading each partition from its beginning to the end offset taken when the run starts, so it
 * terminates on a live ledger.
 *
 * <ol>
 *   <li>End offsets are taken for the payloads topic, then for the entries topic, then for the
 *       payloads topic again. Entry and payload are committed in one transaction, so every
 *       payload up to the first snapshot has its entry among the entries read (one without is an
 *       orphan); the payload of an entry committed between the snapshots lies between the two
 *       payload snapshots, which are read too, only to look such payloads up.</li>
 *   <li>The payloads topic is read into a {@link PayloadIndex}: per (tenant, seq), the SHA-256
 *       of the <em>last</em> value seen (a later value wins, as compaction would; a tombstone
 *       means erased). <b>Memory: about 140 bytes of heap per payload key</b> of the tenants
 *       verified, ~140 MB per million entries; use {@code --tenant} to bound it.</li>
 *   <li>The entries topic is read partition by partition; each header is decoded with its
 *       writer's schema and fed, in offset order, to its tenant's chain verifier (a tenant lives
 *       in one partition), with the Kafka offset as its position. The payload check uses the
 *       index. Keys left in the index are orphans: payloads no entry refers to.</li>
 * </ol>
 *
 * <p>Kafka is read on a second thread ({@link RecordFeed}), which also decodes each record;
 * payload hashes and everything that depends on the records before it (the index, the chains)
 * happen on the calling thread, in the order above, so the report is the same as a reading on
 * one thread would give.
 *
 * <p>A record that cannot be decoded is a failure ({@link AuditFailure.Kind#UNREADABLE_RECORD})
 * naming topic, partition and offset, never a crash. With a tenant filter only those tenants'
 * partitions are read, so an entry of theirs forged into another partition is not seen; a full
 * run reports it as {@link AuditFailure.Kind#WRONG_PARTITION}. Tenants live where
 * {@link TenantPartitions} puts them: murmur2 of the tenant id, as Kafka's default partitioner.
 *
 * <p>Not thread-safe; one {@link #verify} at a time.
 */
public final class TopicReplayVerifier {

    private final ReplaySettings settings;
    private final SchemaRegistryClient registry;
    /** Runs between the first payloads snapshot and the entries snapshot: for tests of a live ledger. */
    private List<NoteVerifier> checkpointKeys;
    private PinnedCheckpoint pinned;
    private Runnable betweenSnapshots = () -> { };

    /**
     * @param settings what to read
     * @param registry where writer schemas are fetched by id (any Confluent-compatible registry)
     */
    public TopicReplayVerifier(ReplaySettings settings, SchemaRegistryClient registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Judges the chain of the checkpoint's tenant against it: a ledger with fewer entries, or whose
     * first entries make another tree, fails ({@code veridict verify --since}).
     */
    public TopicReplayVerifier since(PinnedCheckpoint checkpoint) {
        this.pinned = Objects.requireNonNull(checkpoint, "checkpoint");
        return this;
    }

    /**
     * Checks every record of the ledger's checkpoints topic ({@link ReplaySettings#checkpointsTopicOrNull()})
     * with the verifier key the auditor trusts: each must be signed by it, and each tenant's chain
     * must hold the tree of each of its checkpoints.
     */
    public TopicReplayVerifier checkpointsSignedBy(List<NoteVerifier> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no verifier key");
        }
        this.checkpointKeys = List.copyOf(keys);
        return this;
    }

    /** Has {@code action} run right after the first payloads snapshot (what a live ledger does meanwhile). */
    TopicReplayVerifier betweenSnapshots(Runnable action) {
        this.betweenSnapshots = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Reads both topics once and verifies every tenant found (or those of the filter).
     *
     * @param progress told about records read, per phase
     * @return the report; {@link ReplayReport#verified()} tells the verdict
     * @throws ReplayException if Kafka or the registry cannot be used within the timeout, or a
     *                         topic is missing: no verdict at all
     */
    public ReplayReport verify(ReplayProgress progress) throws ReplayException {
        long started = System.nanoTime();
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            PartitionReader reader = new PartitionReader(consumer, settings.timeout());
            List<TopicPartition> payloadPartitions = reader.partitionsOf(settings.payloadsTopic());
            List<TopicPartition> entryPartitions = reader.partitionsOf(settings.entriesTopic());
            List<Range> payloadRanges = reader.ranges(relevant(payloadPartitions));
            betweenSnapshots.run();
            // Checkpoints before entries: every checkpoint read then signs entries the entries snapshot holds.
            List<Range> checkpointRanges = checkpointKeys == null || settings.checkpointsTopicOrNull() == null ? List.of()
                    : reader.ranges(reader.partitionsOf(settings.checkpointsTopicOrNull()));
            List<Range> entryRanges = reader.ranges(relevant(entryPartitions));
            List<Range> lateRanges = after(payloadRanges, reader.ranges(relevant(payloadPartitions)));
            RecordDecoders decoders = new RecordDecoders(registry); // the reading thread's, one feed at a time

            TenantHomes homes = new TenantHomes(payloadPartitions.size()); // the reading thread's too
            PayloadPass payloads = new PayloadPass();
            try (RecordFeed<PayloadPass.Read> feed = RecordFeed.start(reader, payloadRanges,
                    record -> PayloadPass.read(record, decoders, settings, homes))) {
                readAll(feed, payloadRanges, payloads::accept, ReplayProgress.Phase.PAYLOADS, progress);
            }

            PayloadPass late = new PayloadPass();
            try (RecordFeed<PayloadPass.Read> feed = RecordFeed.start(reader, lateRanges,
                    record -> PayloadPass.read(record, decoders, settings, homes))) {
                readAll(feed, lateRanges, late::accept, ReplayProgress.Phase.PAYLOADS, ReplayProgress.NONE);
            }

            EntryPass entries = new EntryPass(settings, payloads.index(), late.index(), entryPartitions.size(), pinned);
            CheckpointPass checkpoints = null;
            if (checkpointKeys != null && settings.checkpointsTopicOrNull() != null) {
                checkpoints = new CheckpointPass(checkpointKeys, settings, entries);
                CheckpointPass pass = checkpoints;
                for (Range range : checkpointRanges) {
                    reader.read(range, record -> pass.accept(record, decoders), consumed -> { });
                }
            }
            try (RecordFeed<EntryPass.Read> feed = RecordFeed.start(reader, entryRanges,
                    record -> EntryPass.read(record, decoders))) {
                readAll(feed, entryRanges, entries::accept, ReplayProgress.Phase.ENTRIES, progress);
            }

            long held = entries.checkpointsHeld();
            List<AuditFailure> failures = new ArrayList<>(entries.failures());
            if (checkpoints != null) {
                failures.addAll(checkpoints.failures());
            }
            failures.addAll(payloads.unattributedFailures());
            List<OrphanPayload> orphans = new ArrayList<>(payloads.misplacedPayloads());
            payloads.index().leftovers().forEach(left -> orphans.add(orphan(left)));
            return new ReplayReport(describeSource(), entries.entriesRead(), entries.results(), failures, orphans,
                    Duration.ofNanos(System.nanoTime() - started), pinned, checkpoints == null ? -1 : checkpoints.read(), held);
        } catch (KafkaException e) {
            throw new ReplayException("Kafka at " + settings.bootstrapServers() + " failed: " + e.getMessage(), e);
        }
    }

    /** Takes the batches of {@code ranges} from the feed, in order, to the pass. */
    private static <T> void readAll(RecordFeed<T> feed, List<Range> ranges, java.util.function.Consumer<T> pass,
                                    ReplayProgress.Phase phase, ReplayProgress progress) throws ReplayException {
        long total = ranges.stream().mapToLong(Range::size).sum();
        long done = 0;
        progress.update(phase, 0, total);
        for (Range range : ranges) {
            for (RecordFeed.Batch<T> batch = feed.next(); !batch.end(); batch = feed.next()) {
                if (!batch.range().equals(range)) {
                    throw new IllegalStateException("read " + batch.range() + " where " + range + " was due");
                }
                batch.records().forEach(pass);
                done += batch.consumed();
                progress.update(phase, done, total);
            }
        }
    }

    /** The offsets of {@code now} past the ends of {@code before}, partition by partition. */
    private static List<Range> after(List<Range> before, List<Range> now) {
        List<Range> late = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Range then = before.get(i);
            late.add(new Range(then.partition(), then.end(), Math.max(then.end(), now.get(i).end())));
        }
        return late;
    }

    /** With a tenant filter, only the partitions those tenants live in. */
    private List<TopicPartition> relevant(List<TopicPartition> partitions) {
        if (settings.tenants().isEmpty()) {
            return partitions;
        }
        Set<Integer> homes = new TreeSet<>();
        settings.tenants().forEach(t -> homes.add(TenantPartitions.partitionOf(t, partitions.size())));
        return partitions.stream().filter(tp -> homes.contains(tp.partition())).toList();
    }

    private OrphanPayload orphan(PayloadIndex.Leftover left) {
        PayloadIndex.Seen seen = left.seen();
        String what = switch (seen.state()) {
            case ENCRYPTED -> "an encrypted payload";
            case UNREADABLE -> "an unreadable payload (" + seen.problemOrNull() + ")";
            default -> "a payload";
        };
        return new OrphanPayload(left.tenantId(), left.seq(),
                new KafkaRecord(settings.payloadsTopic(), seen.partition(), seen.offset()), PayloadPass.hashOrNull(seen),
                what + " for (" + left.tenantId() + ", " + left.seq() + ") with no entry on " + settings.entriesTopic());
    }

    private String describeSource() {
        return "kafka " + settings.bootstrapServers() + " " + settings.entriesTopic() + ", " + settings.payloadsTopic()
                + (settings.tenants().isEmpty() ? "" : " tenants " + String.join(", ", settings.tenants()));
    }
}
