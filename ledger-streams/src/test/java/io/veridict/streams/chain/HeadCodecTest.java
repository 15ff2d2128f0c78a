package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.LedgerHashes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadCodecTest {

    @Test
    void shouldRoundTripHeadsOfEverySizeWithTheirFrontier() {
        ChainHead head = ChainHead.genesis("acme");
        for (int i = 0; i < 40; i++) {
            assertThat(HeadCodec.decode("acme", HeadCodec.encode(head))).isEqualTo(head);
            byte[] leaf = LedgerHashes.payloadHash(("leaf " + i).getBytes(StandardCharsets.UTF_8));
            head = head.advance(leaf, LedgerHashes.chainHash(head.chainHash(), leaf));
        }
        assertThat(HeadCodec.decode("acme", HeadCodec.encode(head)).merkleRoot()).contains(head.merkleRoot().orElseThrow());
    }

    @Test
    void shouldRefuseAnUnknownEncodingVersion() {
        byte[] encoded = HeadCodec.encode(ChainHead.genesis("acme"));
        encoded[0] = 9;

        assertThatThrownBy(() -> HeadCodec.decode("acme", encoded)).hasMessageContaining("acme").hasMessageContaining("version 9");
    }
}
