package io.veridict.streams.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.store.TopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import org.apache.kafka.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import io.veridict.schemas.format.MerkleFrontier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a task's projections up to date with the entries and payloads topics when the task
 * starts: every record of the task's partition of each topic from the position the projections
 * were last known to have applied (none, when the state folder was lost) to the topic's end.
 * Applying a record twice changes nothing, so a position behind the truth only costs time.
 *
 * <p>Before that, entries at or beyond a tenant's committed head (restored by Kafka Streams from
 * its changelog) are removed: they were written for a transaction that did not commit.
 *
 * <p>Positions: the replay's end after a catch-up; the entries topic's end when the task closes
 * cleanly (only this task writes its partition while it runs, and it applies what it writes);
 * the payloads topic's position after the last record the payload projector applied. Under
 * exactly-once, a crash leaves the projections as of the last commit at most one uncommitted
 * transaction ahead, which the removal above takes back.
 *
 * <p>Entries written before runs existed (v1 LedgerEntry records) carry no origin: their decision
 * ids are recovered from their payloads where those still exist; their idempotency keys cannot be.
 */
final class ProjectionRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final Projections projections;
    private final TopicHistory history;
    private final LedgerTopics topics;
    private final LedgerSerdes serdes;
    private final int partition;

    private final KeyValueStore<String, byte[]> heads;

    ProjectionRebuild(Projections projections, KeyValueStore<String, byte[]> heads, TopicHistory history, LedgerTopics topics,
                      LedgerSerdes serdes, int partition) {
        this.heads = heads;
        this.projections = projections;
        this.history = history;
        this.topics = topics;
        this.serdes = serdes;
        this.partition = partition;
    }

    /**
     * Removes what an uncommitted transaction left behind, then applies every record of both
     * topics after the known positions; payloads first (v1 decisions need them).
     */
    void catchUp() {
        long started = System.nanoTime();
        int removed = projections.removeUncommitted(heads);
        if (removed > 0) {
            LOG.info("Partition {}: removed {} uncommitted entries from the projections", partition, removed);
        }
        String payloads = topics.payloads().name();
        String entries = topics.entries().name();
        long payloadsFrom = projections.appliedUpTo(payloads);
        long entriesFrom = projections.appliedUpTo(entries);
        long payloadsTo = history.replay(payloads, partition, payloadsFrom, (key, value) -> {
            EntryKey entryKey = serdes.entryKeys().deserializer().deserialize(payloads, key);
            PayloadEnvelope envelope = value == null ? null : serdes.payloads().deserializer().deserialize(payloads, value);
            projections.applyPayload(entryKey.getTenantId(), entryKey.getSeq(), envelope);
        });
        projections.markApplied(payloads, payloadsTo);
        // The Merkle subtrees keep a position of their own: a store added to an existing folder
        // starts from the beginning of the topic while the other projections are up to date.
        String subtrees = subtreesPosition(entries);
        long subtreesFrom = projections.appliedUpTo(subtrees);
        Map<String, MerkleFrontier> trees = new HashMap<>();
        long entriesTo = history.replay(entries, partition, Math.min(entriesFrom, subtreesFrom), (key, value) -> {
            EntryRun run = serdes.entries().deserializer().deserialize(entries, value);
            for (RunEntry entry : run.getEntries()) {
                projections.apply(entry.getHeader().getTenantId(), entry);
                if (entry.getOrigin() == null) {
                    recoverDecisionId(entry);
                }
                grow(trees, entry);
            }
        });
        projections.markApplied(entries, entriesTo);
        projections.markApplied(subtrees, entriesTo);
        if (entriesTo > entriesFrom || payloadsTo > payloadsFrom) {
            LOG.info("Partition {}: projections caught up with entries offsets {}..{} and payloads offsets {}..{} in {} ms",
                    partition, entriesFrom, entriesTo, payloadsFrom, payloadsTo, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Appends an entry's leaf to its tenant's tree as replayed so far, keeping the subtrees it
     * completes. A tenant first met at seq s &gt; 0 starts from its frontier at s, read from the
     * subtrees and leaves already projected; an entry already in the tree is skipped.
     */
    private void grow(Map<String, MerkleFrontier> trees, RunEntry entry) {
        String tenant = entry.getHeader().getTenantId();
        long seq = entry.getHeader().getSeq();
        MerkleFrontier tree = trees.get(tenant);
        if (tree != null && seq < tree.size()) {
            return;
        }
        if (tree == null || seq != tree.size()) {
            tree = seq == 0 ? MerkleFrontier.empty()
                    : MerkleNodes.frontierAt(MerkleNodes.source(projections.nodes(), projections.entries(), tenant), seq);
        }
        trees.put(tenant, tree.append(entry.getHeader().getLeafHash().bytes(),
                MerkleNodes.sink(projections.nodes(), tenant)));
    }

    /** The position of the Merkle subtree projection in the entries topic. */
    private static String subtreesPosition(String entriesTopic) {
        return entriesTopic + "#" + ChainStores.NODES;
    }

    /** At a clean close: everything up to the entries topic's end is applied (best effort). */
    void markEntriesApplied() {
        try {
            long end = history.end(topics.entries().name(), partition);
            projections.markApplied(topics.entries().name(), end);
            projections.markApplied(subtreesPosition(topics.entries().name()), end);
        } catch (RuntimeException e) {
            LOG.warn("Partition {}: could not record the entries position at close ({}); the next start replays more",
                    partition, e.toString());
        }
    }

    private void recoverDecisionId(RunEntry entry) {
        if (entry.getHeader().getEntryType() != EntryType.DECISION) {
            return;
        }
        String tenant = entry.getHeader().getTenantId();
        long seq = entry.getHeader().getSeq();
        PayloadEnvelope payload = projections.payloads().get(StoreKeys.seq(tenant, seq));
        if (payload == null || payload.getKeyId() != null) {
            return; // erased or encrypted: the id is gone with it
        }
        ByteBuffer bytes = payload.getCiphertext().duplicate();
        byte[] json = new byte[bytes.remaining()];
        bytes.get(json);
        JsonNode decisionId = CanonicalJson.parseStrict(json).get("decision_id");
        if (decisionId != null && decisionId.isTextual()) {
            projections.decisions().put(StoreKeys.decision(tenant, decisionId.textValue()), seq);
        }
    }
}
