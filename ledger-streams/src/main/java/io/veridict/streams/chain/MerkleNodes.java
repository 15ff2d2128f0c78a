package io.veridict.streams.chain;

import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.format.MerkleFrontier;
import io.veridict.schemas.format.MerkleProofs;
import io.veridict.schemas.format.MerkleTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link ChainStores#NODES} projection: the hashes of a tenant's perfect Merkle subtrees of
 * height {@value #LOWEST_KEPT_LEVEL} and more, so that a proof or a root at any tree size reads
 * O(log n) stored hashes ({@link MerkleProofs}). Lower subtrees (at most 2^{@value #LOWEST_KEPT_LEVEL}
 * leaves) are computed from the leaf hashes in the entries projection. Keeping every subtree of
 * 16 leaves or more costs one store write per 8 entries on average.
 *
 * <p>A projection of the entries topic: each subtree hash follows from the headers' leaf hashes
 * alone, and {@link ProjectionRebuild} recomputes them from the topic.
 */
public final class MerkleNodes {

    /** The lowest subtree height kept in the store. */
    static final int LOWEST_KEPT_LEVEL = 4;

    private MerkleNodes() {
    }

    /** Keeps the subtrees of {@code tenant} that an append completes (those high enough to keep). */
    public static MerkleProofs.SubtreeSink sink(KeyValueStore<Bytes, byte[]> nodes, String tenant) {
        return (level, index, hash) -> {
            if (level >= LOWEST_KEPT_LEVEL) {
                nodes.put(StoreKeys.node(tenant, level, index), hash);
            }
        };
    }

    /**
     * The subtree hashes of {@code tenant}, read from the two stores. Only subtrees whose leaves
     * have all been chained may be asked for.
     */
    public static MerkleProofs.SubtreeHashes source(ReadOnlyKeyValueStore<Bytes, byte[]> nodes,
                                             ReadOnlyKeyValueStore<Bytes, RunEntry> entries, String tenant) {
        return new MerkleProofs.SubtreeHashes() {
            /** Leaf hashes of the 16-leaf blocks read so far, by block: a path reads its block's leaves once. */
            private final Map<Long, List<byte[]>> blocks = new HashMap<>();

            @Override
            public byte[] hash(int level, long index) {
                if (level >= LOWEST_KEPT_LEVEL) {
                    byte[] kept = nodes.get(StoreKeys.node(tenant, level, index));
                    if (kept != null) {
                        return kept;
                    }
                    // Not kept (yet): from its two halves, down to what is.
                    return MerkleTree.nodeHash(hash(level - 1, 2 * index), hash(level - 1, 2 * index + 1));
                }
                long first = index << level;
                int width = 1 << level;
                long block = first >>> LOWEST_KEPT_LEVEL;
                List<byte[]> leaves = blocks.computeIfAbsent(block, this::readBlock);
                int from = (int) (first - (block << LOWEST_KEPT_LEVEL));
                if (from + width > leaves.size()) {
                    throw new IllegalStateException("tenant " + tenant + " has " + leaves.size() + " entries of block "
                            + block + " in the entries projection, subtree " + level + "/" + index + " needs "
                            + (from + width));
                }
                return MerkleTree.root(leaves.subList(from, from + width));
            }

            /** The leaf hashes of a block's entries, from its first, as far as they go without a gap. */
            private List<byte[]> readBlock(long block) {
                long first = block << LOWEST_KEPT_LEVEL;
                List<byte[]> leaves = new ArrayList<>(1 << LOWEST_KEPT_LEVEL);
                try (KeyValueIterator<Bytes, RunEntry> it = entries.range(StoreKeys.seq(tenant, first),
                        StoreKeys.seq(tenant, first + (1 << LOWEST_KEPT_LEVEL) - 1))) {
                    while (it.hasNext()) {
                        RunEntry entry = it.next().value;
                        if (entry.getHeader().getSeq() != first + leaves.size()) {
                            break;
                        }
                        leaves.add(entry.getHeader().getLeafHash().bytes());
                    }
                }
                return leaves;
            }
        };
    }

    /** The frontier of {@code tenant}'s tree at {@code size}, from the subtrees that make it up. */
    static MerkleFrontier frontierAt(MerkleProofs.SubtreeHashes source, long size) {
        List<byte[]> roots = new ArrayList<>();
        for (long[] subtree : MerkleProofs.frontierSubtrees(size)) {
            roots.add(source.hash((int) subtree[0], subtree[1]));
        }
        return MerkleFrontier.of(size, roots);
    }

    /**
     * Removes the kept subtrees of {@code tenant} that hold any leaf at or beyond {@code size},
     * up to leaf {@code lastSeq}: what an uncommitted transaction kept.
     */
    static void removeFrom(KeyValueStore<Bytes, byte[]> nodes, String tenant, long size, long lastSeq) {
        for (int level = LOWEST_KEPT_LEVEL; level < 63 && (1L << level) <= lastSeq + 1; level++) {
            List<Bytes> doomed = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = nodes.range(StoreKeys.node(tenant, level, size >>> level),
                    StoreKeys.node(tenant, level, (lastSeq + 1) >>> level))) {
                it.forEachRemaining(kv -> doomed.add(kv.key));
            }
            doomed.forEach(nodes::delete);
        }
    }
}
