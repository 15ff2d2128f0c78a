package io.veridict.schemas.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MerkleProofsTest {

    private static final int MAX = 70;

    /** Subtree hashes as a ledger keeps them: leaves, plus what the frontier reports as complete. */
    private static final class Kept implements MerkleProofs.SubtreeHashes {
        final Map<String, byte[]> nodes = new HashMap<>();
        final List<byte[]> leaves = new ArrayList<>();
        int reads;

        void append(MerkleFrontier[] frontier, byte[] leaf) {
            nodes.put(0 + "/" + leaves.size(), leaf);
            leaves.add(leaf);
            frontier[0] = frontier[0].append(leaf, (level, index, hash) -> nodes.put(level + "/" + index, hash));
        }

        @Override
        public byte[] hash(int level, long index) {
            reads++;
            byte[] hash = nodes.get(level + "/" + index);
            if (hash == null) {
                throw new AssertionError("subtree " + level + "/" + index + " was never completed");
            }
            return hash;
        }
    }

    private static Kept tree(int size) {
        Kept kept = new Kept();
        MerkleFrontier[] frontier = {MerkleFrontier.empty()};
        for (int i = 0; i < size; i++) {
            kept.append(frontier, MerkleTree.leafHash(("leaf " + i).getBytes(UTF_8)));
        }
        return kept;
    }

    @Test
    void proofsAndRootsEqualThoseComputedFromEveryLeafForEveryTreeUpTo70() {
        Kept kept = tree(MAX);
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> leaves = kept.leaves.subList(0, n);
            assertThat(MerkleProofs.root(kept, n)).isEqualTo(MerkleTree.root(leaves));
            for (int m = 0; m < n; m++) {
                assertThat(MerkleProofs.inclusion(kept, m, n)).as("inclusion %d in %d", m, n)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(leaves, m));
            }
            for (int m = 0; m <= n; m++) {
                assertThat(MerkleProofs.consistency(kept, m, n)).as("consistency %d to %d", m, n)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(leaves, m));
            }
        }
    }

    @Test
    void theFrontierReportsEveryPerfectSubtreeOnceWithItsHash() {
        Kept kept = tree(64);
        assertThat(kept.nodes).hasSize(64 + 32 + 16 + 8 + 4 + 2 + 1);
        assertThat(kept.nodes.get("6/0")).isEqualTo(MerkleTree.root(kept.leaves));
        assertThat(kept.nodes.get("2/3")).isEqualTo(MerkleTree.root(kept.leaves.subList(12, 16)));
    }

    @Test
    void aProofReadsLogarithmicallyManySubtrees() {
        Kept kept = tree(1000);
        kept.reads = 0;
        MerkleProofs.inclusion(kept, 617, 999);
        int inclusionReads = kept.reads;
        kept.reads = 0;
        MerkleProofs.consistency(kept, 377, 999);
        assertThat(inclusionReads).isLessThanOrEqualTo(2 * 10);
        assertThat(kept.reads).isLessThanOrEqualTo(3 * 10);
    }

    @Test
    void frontierSubtreesNameTheLargestFirst() {
        assertThat(MerkleProofs.frontierSubtrees(13)).containsExactly(new long[] {3, 0}, new long[] {2, 2}, new long[] {0, 12});
        assertThat(MerkleProofs.frontierSubtrees(0)).isEmpty();
    }

    @Test
    void outOfRangeQuestionsAreRefused() {
        Kept kept = tree(8);
        assertThatThrownBy(() -> MerkleProofs.inclusion(kept, 8, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleProofs.inclusion(kept, -1, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleProofs.consistency(kept, 5, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleProofs.root(kept, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(MerkleProofs.root(kept, 0)).isEqualTo(MerkleTree.emptyRoot());
    }
}
