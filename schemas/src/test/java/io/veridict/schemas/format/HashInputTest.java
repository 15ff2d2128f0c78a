package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashInputTest {

    @Test
    void shouldWriteEveryEncodingBigEndianInOrder() {
        byte[] hash = new byte[32];
        hash[0] = 9;
        byte[] bytes = new HashInput().u8(0xAB).u16(0x0102).u32(0x0A0B0C0DL).u64(-2L).str("é").optStr(null)
                .optStr("x").h32(hash).toByteArray();

        ByteBuffer expected = ByteBuffer.allocate(1 + 2 + 4 + 8 + 4 + 2 + 1 + 1 + 4 + 1 + 32)
                .put((byte) 0xAB).putShort((short) 0x0102).putInt(0x0A0B0C0D).putLong(-2L)
                .putInt(2).put("é".getBytes(StandardCharsets.UTF_8)).put((byte) 0)
                .put((byte) 1).putInt(1).put((byte) 'x').put(hash);
        assertThat(bytes).isEqualTo(expected.array());
    }

    @Test
    void shouldWriteStringsThatTurnNonAsciiPartWayAsTheirUtf8() {
        for (String value : new String[] {"", "plain ascii ?~\u007f", "abcé", "tenant-🦊", "ascii then 日本"}) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);

            byte[] bytes = new HashInput().str(value).u8(0x5A).toByteArray();

            ByteBuffer expected = ByteBuffer.allocate(4 + utf8.length + 1).putInt(utf8.length).put(utf8).put((byte) 0x5A);
            assertThat(bytes).as(value).isEqualTo(expected.array());
        }
    }

    @Test
    void shouldGrowPastItsInitialBufferWithoutLosingBytes() {
        String big = "a".repeat(1000);
        HashInput input = new HashInput().u8(7);
        for (int i = 0; i < 5; i++) {
            input.str(big);
        }

        byte[] bytes = input.toByteArray();

        assertThat(bytes).hasSize(1 + 5 * (4 + 1000));
        assertThat(bytes[0]).isEqualTo((byte) 7);
        assertThat(ByteBuffer.wrap(bytes, 1 + 4 * 1004, 4).getInt()).isEqualTo(1000);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 'a');
    }

    @Test
    void shouldRefuseValuesOutOfRangeAndUnpairedSurrogates() {
        assertThatThrownBy(() -> new HashInput().u16(0x1_0000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashInput().u32(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashInput().str("a\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate at index 1");
        assertThatThrownBy(() -> HashInput.utf8("?\uDC00?")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate at index 1");
    }

    @Test
    void shouldEncodePairedSurrogatesAndQuestionMarksAsUtf8() {
        assertThat(HashInput.utf8("why?🦊")).isEqualTo("why?🦊".getBytes(StandardCharsets.UTF_8)).hasSize(8);
        assertThat(HashInput.utf8("Zoë")).containsExactly('Z', 'o', 0xC3 - 256, 0xAB - 256);
    }
}
