package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    @Test
    void emptyTreeRootIsTheSha256OfNoBytes() {
        assertThat(HexFormat.of().formatHex(MerkleTree.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleTree.root(List.of())).isEqualTo(MerkleTree.emptyRoot());
    }

    @Test
    void leafAndNodeHashesUseTheRfc9162Prefixes() {
        byte[] data = {7, 8, 9};
        assertThat(MerkleTree.leafHash(data)).isEqualTo(NaiveMerkle.sha256(new byte[] {0}, data));
        byte[] a = NaiveMerkle.sha256(new byte[] {1});
        byte[] b = NaiveMerkle.sha256(new byte[] {2});
        assertThat(MerkleTree.nodeHash(a, b)).isEqualTo(NaiveMerkle.sha256(new byte[] {1}, a, b));
    }

    @Test
    void rootMatchesTheNaiveRecursiveDefinitionForEverySizeFrom1To64() {
        List<byte[]> leaves = NaiveMerkle.leaves(64);
        for (int n = 1; n <= 64; n++) {
            assertThat(MerkleTree.root(leaves.subList(0, n))).as("size %d", n)
                    .isEqualTo(NaiveMerkle.mth(leaves.subList(0, n)));
        }
    }

    @Test
    void rootOfOneLeafIsTheLeafHashItself() {
        List<byte[]> leaves = NaiveMerkle.leaves(1);
        assertThat(MerkleTree.root(leaves)).isEqualTo(leaves.get(0));
    }

    @Test
    void inclusionProofOfTheRfcExampleLeafHasTheSiblingsBottomUp() {
        // RFC 9162 §2.1.5: the path for leaf d (index 3) in a 7-leaf tree is [c, g, l]
        List<byte[]> leaves = NaiveMerkle.leaves(7);
        List<byte[]> path = MerkleTree.inclusionProof(leaves, 3);
        assertThat(path).hasSize(3);
        assertThat(path.get(0)).isEqualTo(leaves.get(2));
        assertThat(path.get(1)).isEqualTo(NaiveMerkle.mth(leaves.subList(0, 2)));
        assertThat(path.get(2)).isEqualTo(NaiveMerkle.mth(leaves.subList(4, 7)));
    }

    @Test
    void consistencyProofOfTheRfcExampleMatchesTheDocumentedNodes() {
        // RFC 9162 §2.1.5: PROOF(3, D[7]) = [c, d, g, l]; PROOF(4, D[7]) = [l]; PROOF(6, D[7]) = [i, j, k]
        List<byte[]> leaves = NaiveMerkle.leaves(7);
        assertThat(MerkleTree.consistencyProof(leaves, 3)).containsExactly(leaves.get(2), leaves.get(3),
                NaiveMerkle.mth(leaves.subList(0, 2)), NaiveMerkle.mth(leaves.subList(4, 7)));
        assertThat(MerkleTree.consistencyProof(leaves, 4)).containsExactly(NaiveMerkle.mth(leaves.subList(4, 7)));
        assertThat(MerkleTree.consistencyProof(leaves, 6)).containsExactly(NaiveMerkle.mth(leaves.subList(4, 6)),
                leaves.get(6), NaiveMerkle.mth(leaves.subList(0, 4)));
    }

    @Test
    void consistencyProofIsEmptyForAnEmptyOrUnchangedTree() {
        List<byte[]> leaves = NaiveMerkle.leaves(5);
        assertThat(MerkleTree.consistencyProof(leaves, 0)).isEmpty();
        assertThat(MerkleTree.consistencyProof(leaves, 5)).isEmpty();
    }

    @Test
    void proofGenerationRejectsPositionsOutsideTheTree() {
        List<byte[]> leaves = NaiveMerkle.leaves(4);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(leaves, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
