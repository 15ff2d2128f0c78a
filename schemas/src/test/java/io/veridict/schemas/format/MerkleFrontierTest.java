package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

    @Test
    void rootEqualsTheTreeHashAtEverySizeFrom0To70() {
        List<byte[]> leaves = NaiveMerkle.leaves(70);
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (int n = 0; n <= 70; n++) {
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("size %d", n).isEqualTo(NaiveMerkle.mth(leaves.subList(0, n)));
            assertThat(frontier.subtreeRoots()).hasSize(Long.bitCount(n));
            if (n < 70) {
                frontier = frontier.append(leaves.get(n));
            }
        }
    }

    @Test
    void subtreeRootsArePerfectSubtreesLargestFirst() {
        List<byte[]> leaves = NaiveMerkle.leaves(7);
        MerkleFrontier frontier = frontierOf(leaves);
        assertThat(frontier.subtreeRoots()).containsExactly(NaiveMerkle.mth(leaves.subList(0, 4)),
                NaiveMerkle.mth(leaves.subList(4, 6)), leaves.get(6));
    }

    @Test
    void encodingRoundTripsAtEverySizeFrom0To70() {
        List<byte[]> leaves = NaiveMerkle.leaves(70);
        for (int n = 0; n <= 70; n++) {
            MerkleFrontier frontier = frontierOf(leaves.subList(0, n));
            byte[] encoded = frontier.encode();
            assertThat(encoded).hasSize(9 + 32 * Long.bitCount(n));
            MerkleFrontier parsed = MerkleFrontier.parse(encoded);
            assertThat(parsed).isEqualTo(frontier);
            assertThat(parsed.encode()).isEqualTo(encoded);
            assertThat(parsed.root()).isEqualTo(frontier.root());
        }
    }

    @Test
    void encodingIsSizeThenCountThenHashes() {
        List<byte[]> leaves = NaiveMerkle.leaves(5);
        ByteBuffer encoded = ByteBuffer.wrap(frontierOf(leaves).encode());
        assertThat(encoded.getLong()).isEqualTo(5);
        assertThat(encoded.get()).isEqualTo((byte) 2);
        byte[] first = new byte[32];
        encoded.get(first);
        assertThat(first).isEqualTo(NaiveMerkle.mth(leaves.subList(0, 4)));
        byte[] second = new byte[32];
        encoded.get(second);
        assertThat(second).isEqualTo(leaves.get(4));
        assertThat(encoded.hasRemaining()).isFalse();
    }

    @Test
    void appendLeavesTheOriginalFrontierUnchanged() {
        MerkleFrontier one = MerkleFrontier.empty().append(NaiveMerkle.leaves(1).get(0));
        byte[] before = one.encode();
        one.append(NaiveMerkle.leaves(2).get(1));
        assertThat(one.encode()).isEqualTo(before);
        assertThat(MerkleFrontier.empty().size()).isZero();
    }

    @Test
    void parseRejectsACountThatDoesNotMatchTheSize() {
        byte[] encoded = frontierOf(NaiveMerkle.leaves(3)).encode();
        encoded[8] = 1;
        assertThatThrownBy(() -> MerkleFrontier.parse(encoded)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("must hold 2 subtree roots");
    }

    @Test
    void parseRejectsTruncatedOrPaddedEncodings() {
        byte[] encoded = frontierOf(NaiveMerkle.leaves(3)).encode();
        assertThatThrownBy(() -> MerkleFrontier.parse(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(LedgerFormatException.class).hasMessageContaining("must be encoded in 73 bytes");
        assertThatThrownBy(() -> MerkleFrontier.parse(java.util.Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(LedgerFormatException.class);
        assertThatThrownBy(() -> MerkleFrontier.parse(new byte[8])).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void parseRejectsASizeAbove2To63() {
        byte[] encoded = new byte[9];
        encoded[0] = (byte) 0x80;
        assertThatThrownBy(() -> MerkleFrontier.parse(encoded)).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void appendRejectsAHashOfTheWrongLength() {
        assertThatThrownBy(() -> MerkleFrontier.empty().append(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static MerkleFrontier frontierOf(List<byte[]> leaves) {
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (byte[] leaf : leaves) {
            frontier = frontier.append(leaf);
        }
        return frontier;
    }
}
