package io.veridict.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.note.NoteSigner;
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
        assertThat(factory.build()).isEmpty();

        factory.setSigningKey(KEY.encoded());
        assertThat(factory.build()).hasValueSatisfying(k -> assertThat(k.verifier()).isEqualTo(KEY.verifier()));
        assertThat(factory.getSigningKey()).isEqualTo("(set)");

        Path file = Files.writeString(tmp.resolve("key"), KEY.encoded() + "\n");
        factory.setSigningKeyFile(file.toString());
        assertThatThrownBy(factory::build).hasMessageContaining("not both");
        factory.setSigningKey("");
        assertThat(factory.build()).hasValueSatisfying(k -> assertThat(k.verifier()).isEqualTo(KEY.verifier()));
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
