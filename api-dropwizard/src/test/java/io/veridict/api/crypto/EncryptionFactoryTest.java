package io.veridict.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.util.Duration;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.LocalKms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionFactoryTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRefuseToStartWithoutAKeyEncryptionKey() {
        assertThatThrownBy(() -> new EncryptionFactory().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key-encryption key; set VERIDICT_KEKS");
    }

    @Test
    void shouldReadTheKeksFromTheSettingOrAFileButNotBoth() throws Exception {
        String keks = LocalKms.generate("kek-new") + "," + LocalKms.generate("kek-old");
        EncryptionFactory inline = new EncryptionFactory();
        inline.setKeks(keks);
        inline.setDataKeyRotation(Duration.days(7));
        LedgerCrypto crypto = inline.build();
        assertThat(crypto.kms().currentKekId()).isEqualTo("kek-new");
        assertThat(crypto.dataKeyRotation()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(inline.getKeks()).as("never shown").isEqualTo("(set)");

        Path file = Files.writeString(tmp.resolve("keks"), keks.replace(',', '\n') + "\n");
        EncryptionFactory fromFile = new EncryptionFactory();
        fromFile.setKeksFile(file.toString());
        assertThat(fromFile.build().kms().currentKekId()).isEqualTo("kek-new");

        fromFile.setKeks(keks);
        assertThatThrownBy(fromFile::build).hasMessageContaining("either keks or keksFile");
    }

    @Test
    void shouldNameWhatIsWrongWithoutQuotingTheKey() {
        EncryptionFactory factory = new EncryptionFactory();
        factory.setKeks("kek-1:c2hvcnQ=");
        assertThatThrownBy(factory::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kek-1 must decode to 32 bytes").hasMessageNotContaining("c2hvcnQ=");
        factory.setKeks("");
        factory.setKeksFile(tmp.resolve("missing").toString());
        assertThatThrownBy(factory::build).hasMessageContaining("cannot read the KEK file");
    }
}
