package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceNameTest {

    @TempDir
    Path tmp;

    @Test
    void shouldMakeANameOnceAndKeepIt() {
        Path state = tmp.resolve("state");
        String first = InstanceName.keptIn(state, "veridict-ledger");
        assertThat(first).startsWith("veridict-ledger-").matches("[A-Za-z0-9._-]{1,200}");
        assertThat(InstanceName.keptIn(state, "veridict-ledger")).isEqualTo(first);
        assertThat(state.resolve("veridict-ledger.instance-id")).hasContent(first);
    }

    @Test
    void shouldGiveEachStateFolderItsOwnName() {
        assertThat(InstanceName.keptIn(tmp.resolve("one"), "app")).isNotEqualTo(InstanceName.keptIn(tmp.resolve("two"), "app"));
    }

    @Test
    void shouldRefuseAFileThatHoldsNoName() throws Exception {
        Files.writeString(tmp.resolve("app.instance-id"), "not a name: spaces");
        assertThatThrownBy(() -> InstanceName.keptIn(tmp, "app")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app.instance-id");
    }
}
