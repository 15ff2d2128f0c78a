package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyProofVerifierTest {

    private static final List<byte[]> LEAVES = NaiveMerkle.leaves(64);

    @Test
    void everyPairOfSizesUpTo64HasAValidProof() {
        for (int n = 1; n <= 64; n++) {
            List<byte[]> tree = LEAVES.subList(0, n);
            byte[] newRoot = NaiveMerkle.mth(tree);
            for (int m = 0; m <= n; m++) {
                byte[] oldRoot = NaiveMerkle.mth(LEAVES.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(tree, m);
                long oldSize = m;
                long newSize = n;
                assertThatCode(() -> ConsistencyProofVerifier.verify(oldSize, newSize, oldRoot, newRoot, proof))
                        .as("%d -> %d", m, n).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aWrongOldRootIsReportedWithComputedAndExpectedHex() {
        List<byte[]> tree = LEAVES.subList(0, 7);
        byte[] realOld = NaiveMerkle.mth(LEAVES.subList(0, 3));
        byte[] forgedOld = NaiveMerkle.mth(LEAVES.subList(1, 4));
        List<byte[]> proof = MerkleTree.consistencyProof(tree, 3);
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(3, 7, forgedOld, NaiveMerkle.mth(tree), proof))
                .isInstanceOfSatisfying(MerkleProofException.class, e -> {
                    assertThat(e.computedRootHex()).isEqualTo(HexFormat.of().formatHex(realOld));
                    assertThat(e.expectedRootHex()).isEqualTo(HexFormat.of().formatHex(forgedOld));
                    assertThat(e).hasMessageContaining("old root");
                });
    }

    @Test
    void aWrongNewRootFailsTheProof() {
        List<byte[]> tree = LEAVES.subList(0, 12);
        List<byte[]> proof = MerkleTree.consistencyProof(tree, 5);
        byte[] oldRoot = NaiveMerkle.mth(LEAVES.subList(0, 5));
        byte[] otherNew = NaiveMerkle.mth(LEAVES.subList(0, 11));
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(5, 12, oldRoot, otherNew, proof))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("new root");
    }

    @Test
    void aRewrittenHistoryCannotBeProvenConsistent() {
        List<byte[]> rewritten = new ArrayList<>(LEAVES.subList(0, 9));
        rewritten.set(1, HeaderEdit.flipped(rewritten.get(1)));
        byte[] honestOldRoot = NaiveMerkle.mth(LEAVES.subList(0, 4));
        List<byte[]> proof = MerkleTree.consistencyProof(rewritten, 4);
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(4, 9, honestOldRoot, NaiveMerkle.mth(rewritten), proof))
                .isInstanceOf(MerkleProofException.class);
    }

    @Test
    void truncatedExtendedOrTamperedProofsFail() {
        List<byte[]> tree = LEAVES.subList(0, 21);
        byte[] oldRoot = NaiveMerkle.mth(LEAVES.subList(0, 6));
        byte[] newRoot = NaiveMerkle.mth(tree);
        List<byte[]> proof = MerkleTree.consistencyProof(tree, 6);
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(newRoot);
        List<byte[]> tampered = new ArrayList<>(proof);
        tampered.set(0, HeaderEdit.flipped(tampered.get(0)));
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(6, 21, oldRoot, newRoot, proof.subList(0, proof.size() - 1)))
                .isInstanceOf(MerkleProofException.class);
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(6, 21, oldRoot, newRoot, longer))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(6, 21, oldRoot, newRoot, tampered))
                .isInstanceOf(MerkleProofException.class);
    }

    @Test
    void equalSizesNeedAnEmptyProofAndEqualRoots() {
        byte[] root = NaiveMerkle.mth(LEAVES.subList(0, 5));
        assertThatCode(() -> ConsistencyProofVerifier.verify(5, 5, root, root, List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(5, 5, root, HeaderEdit.flipped(root), List.of()))
                .isInstanceOf(MerkleProofException.class);
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(5, 5, root, root, List.of(root)))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("must be empty");
    }

    @Test
    void theEmptyTreeIsConsistentWithAnyTreeOnlyUnderItsOwnRoot() {
        byte[] newRoot = NaiveMerkle.mth(LEAVES.subList(0, 3));
        assertThatCode(() -> ConsistencyProofVerifier.verify(0, 3, MerkleTree.emptyRoot(), newRoot, List.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(0, 3, newRoot, newRoot, List.of()))
                .isInstanceOf(MerkleProofException.class);
    }

    @Test
    void sizesOutOfOrderAndEmptyProofsForGrowthAreRejected() {
        byte[] root = NaiveMerkle.mth(LEAVES.subList(0, 4));
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(5, 4, root, root, List.of()))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("no consistency");
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(2, 4, root, root, List.of()))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("is empty");
    }
}
