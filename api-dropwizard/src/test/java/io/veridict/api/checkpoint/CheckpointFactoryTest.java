package io.veridict.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import io.veridict.streams.chain.CheckpointKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFactoryTest {

    private static final NoteSigner KEY = NoteSigner.of("veridict.example", new byte[32]);

    @TempDir
    Path tmp;

    @Test
    void shouldSignNothingWithoutAKeyAndReadOneFromTheSettingOrAFile() throws Exception {
        CheckpointFactory factory = new CheckpointFactory();
        assertThat(factory.build().any()).isFalse();

        factory.setSigningKey(KEY.encoded());
        assertThat(factory.build().activeAt(Instant.now()).verifier()).isEqualTo(KEY.verifier());
        assertThat(factory.getSigningKey()).isEqualTo("(set)");

        Path file = Files.writeString(tmp.resolve("key"), KEY.encoded() + "\n");
        factory.setSigningKeyFile(file.toString());
        assertThatThrownBy(factory::build).hasMessageContaining("not both");
        factory.setSigningKey("");
        assertThat(factory.build().activeAt(Instant.now()).verifier()).isEqualTo(KEY.verifier());
    }

    @Test
    void shouldRotateToTheNextKeyAtItsTimeCosignDuringTheHandoverAndPublishEveryKey() {
        NoteSigner next = NoteSigner.of("veridict.example", filled(5));
        NoteSigner older = NoteSigner.of("veridict.example", filled(9));
        CheckpointFactory factory = new CheckpointFactory();
        factory.setSigningKey(KEY.encoded());
        factory.setNextSigningKey(next.encoded());
        factory.setNextSigningFrom("2027-01-01T00:00:00Z");
        CheckpointFactory.RetiredKey retired = new CheckpointFactory.RetiredKey();
        retired.setVerifierKey(older.verifier().toString());
        retired.setValidUntil("2026-06-01T00:00:00Z");
        factory.setRetiredKeys(List.of(retired));
        CheckpointKeys keys = factory.build();

        Instant switchAt = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(keys.signersAt(switchAt.minusSeconds(1))).extracting(NoteSigner::verifier).containsExactly(KEY.verifier());
        assertThat(keys.signersAt(switchAt)).extracting(NoteSigner::verifier).containsExactly(next.verifier(), KEY.verifier());
        assertThat(keys.signersAt(switchAt.plus(CheckpointKeys.HANDOVER))).extracting(NoteSigner::verifier)
                .containsExactly(next.verifier());
        String handover = keys.sign("acme", 3, new byte[32], switchAt.plusSeconds(60));
        assertThat(SignedNote.open(handover.getBytes(StandardCharsets.UTF_8), List.of(KEY.verifier())).signedBy())
                .as("the old key vouches for the new key's checkpoint").containsExactly(KEY.verifier());
        assertThat(SignedNote.open(handover.getBytes(StandardCharsets.UTF_8), List.of(next.verifier())).signedBy())
                .containsExactly(next.verifier());

        assertThat(keys.published()).extracting(k -> k.key().keyId() + " " + k.statusAt(switchAt.minusSeconds(1)))
                .containsExactly(older.verifier().keyId() + " retired", KEY.verifier().keyId() + " active",
                        next.verifier().keyId() + " next");
        assertThat(keys.published().get(1).validFromOrNull()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(keys.published().get(1).validUntilOrNull()).isEqualTo(switchAt);
    }

    @Test
    void shouldRefuseARotationThatRenamesTheLogOrLacksItsTime() {
        CheckpointFactory factory = new CheckpointFactory();
        factory.setSigningKey(KEY.encoded());
        factory.setNextSigningKey(NoteSigner.of("another.name", filled(5)).encoded());
        factory.setNextSigningFrom("2027-01-01T00:00:00Z");
        assertThatThrownBy(factory::build).hasMessageContaining("a log keeps its name");
        factory.setNextSigningKey(NoteSigner.of("veridict.example", filled(5)).encoded());
        factory.setNextSigningFrom("");
        assertThatThrownBy(factory::build).hasMessageContaining("needs the time it signs from");
        factory.setNextSigningFrom("next tuesday");
        assertThatThrownBy(factory::build).hasMessageContaining("not an RFC 3339 instant");
    }

    private static byte[] filled(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return seed;
    }

    @Test
    void shouldRefuseAKeyThatIsNoSignerKeyWithoutShowingIt() {
        CheckpointFactory factory = new CheckpointFactory();
        String verifierOnly = KEY.verifier().toString();
        factory.setSigningKey(verifierOnly);
        assertThatThrownBy(factory::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a signer key").hasMessageNotContaining(verifierOnly);
        String broken = KEY.encoded().substring(0, KEY.encoded().length() - 4) + "BBBB";
        factory.setSigningKey(broken);
        assertThatThrownBy(factory::build).hasMessageNotContaining(broken.substring(broken.lastIndexOf('+') + 1));
    }
}
