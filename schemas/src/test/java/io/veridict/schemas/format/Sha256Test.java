package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final HexFormat HEX = HexFormat.of();
    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void shouldHashTheConcatenationOfThePartsAgainAndAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(HEX.formatHex(Sha256.hash(bytes("a"), bytes("bc")))).isEqualTo(ABC);
            assertThat(HEX.formatHex(Sha256.hashPrefixed((byte) 'a', bytes("b"), bytes("c")))).isEqualTo(ABC);
        }
    }

    @Test
    void shouldNotCarryInputOfAHashThatFailedHalfWayIntoTheNext() {
        assertThatThrownBy(() -> Sha256.hash(bytes("zzz"), null)).isInstanceOf(NullPointerException.class);

        assertThat(HEX.formatHex(Sha256.hash(bytes("abc")))).isEqualTo(ABC);
    }

    @Test
    void shouldGiveEachThreadItsOwnDigest() throws Exception {
        String[] seen = new String[1];
        Thread other = new Thread(() -> seen[0] = HEX.formatHex(Sha256.hash(bytes("abc"))));
        other.start();
        assertThat(HEX.formatHex(Sha256.hash(bytes("abc")))).isEqualTo(ABC);
        other.join();

        assertThat(seen[0]).isEqualTo(ABC);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
