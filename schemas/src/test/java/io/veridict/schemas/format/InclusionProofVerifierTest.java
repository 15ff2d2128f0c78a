package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class InclusionProofVerifierTest {

    private static final List<byte[]> LEAVES = NaiveMerkle.leaves(64);

    @Test
    void everyLeafOfEveryTreeUpTo64LeavesHasAValidProof() {
        for (int n = 1; n <= 64; n++) {
            List<byte[]> tree = LEAVES.subList(0, n);
            byte[] root = NaiveMerkle.mth(tree);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(tree, i);
                int index = i;
                assertThatCode(() -> InclusionProofVerifier.verify(index, tree.size(), tree.get(index), proof, root))
                        .as("leaf %d of %d", i, n).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aWrongRootIsReportedWithComputedAndExpectedHex() {
        List<byte[]> tree = LEAVES.subList(0, 7);
        byte[] root = NaiveMerkle.mth(tree);
        byte[] otherRoot = NaiveMerkle.mth(LEAVES.subList(0, 6));
        List<byte[]> proof = MerkleTree.inclusionProof(tree, 3);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(3, 7, tree.get(3), proof, otherRoot))
                .isInstanceOfSatisfying(MerkleProofException.class, e -> {
                    assertThat(e.computedRootHex()).isEqualTo(HexFormat.of().formatHex(root));
                    assertThat(e.expectedRootHex()).isEqualTo(HexFormat.of().formatHex(otherRoot));
                    assertThat(e).hasMessageContaining(e.computedRootHex()).hasMessageContaining(e.expectedRootHex());
                });
    }

    @Test
    void aTamperedPathElementFailsTheProof() {
        List<byte[]> tree = LEAVES.subList(0, 13);
        List<byte[]> proof = new ArrayList<>(MerkleTree.inclusionProof(tree, 9));
        proof.set(1, HeaderEdit.flipped(proof.get(1)));
        assertThatThrownBy(() -> InclusionProofVerifier.verify(9, 13, tree.get(9), proof, NaiveMerkle.mth(tree)))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("does not lead to the expected root");
    }

    @Test
    void aProofForAnotherLeafOrIndexFails() {
        List<byte[]> tree = LEAVES.subList(0, 8);
        byte[] root = NaiveMerkle.mth(tree);
        List<byte[]> proof = MerkleTree.inclusionProof(tree, 2);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(2, 8, tree.get(3), proof, root))
                .isInstanceOf(MerkleProofException.class);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(3, 8, tree.get(2), proof, root))
                .isInstanceOf(MerkleProofException.class);
    }

    @Test
    void proofsOfTheWrongLengthAreRejectedBeforeAnyRootComparison() {
        List<byte[]> tree = LEAVES.subList(0, 10);
        byte[] root = NaiveMerkle.mth(tree);
        List<byte[]> proof = MerkleTree.inclusionProof(tree, 4);
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(4, 10, tree.get(4), longer, root))
                .isInstanceOfSatisfying(MerkleProofException.class,
                        e -> assertThat(e.computedRootHex()).isNull())
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(4, 10, tree.get(4), proof.subList(0, 2), root))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("too short");
    }

    @Test
    void anIndexOutsideTheTreeIsRejected() {
        byte[] leaf = LEAVES.get(0);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(1, 1, leaf, List.of(), leaf))
                .isInstanceOf(MerkleProofException.class).hasMessageContaining("not in a tree of size 1");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(-1, 1, leaf, List.of(), leaf))
                .isInstanceOf(MerkleProofException.class);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(0, 0, leaf, List.of(), leaf))
                .isInstanceOf(MerkleProofException.class);
    }

    @Test
    void theOnlyLeafOfASingleLeafTreeNeedsAnEmptyProof() {
        byte[] leaf = LEAVES.get(0);
        assertThatCode(() -> InclusionProofVerifier.verify(0, 1, leaf, List.of(), leaf)).doesNotThrowAnyException();
    }
}
