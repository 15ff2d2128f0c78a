package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncleanStopTest {

    @TempDir
    Path state;

    private Path app;

    @BeforeEach
    void folders() throws Exception {
        app = state.resolve("veridict-ledger");
        Files.createDirectories(app.resolve("0_0/rocksdb/tenant-heads"));
        Files.writeString(app.resolve("0_0/rocksdb/tenant-heads/000001.sst"), "x");
        Files.createDirectories(app.resolve("0_5"));
        Files.createDirectories(app.resolve("global/rocksdb"));
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "{\"processId\":\"p\"}");
    }

    @Test
    void shouldRemoveTheTaskFoldersAfterAStopThatWasNotClean() {
        UncleanStop stop = new UncleanStop(state, "veridict-ledger");
        assertThat(stop.clearBeforeStart()).containsExactlyInAnyOrder(app.resolve("0_0"), app.resolve("0_5"));
        assertThat(app.resolve("0_0")).doesNotExist();
        assertThat(app.resolve("0_5")).doesNotExist();
        // the process id names this instance's transactions; the global store is not a task's
        assertThat(app.resolve("kafka-streams-process-metadata")).exists();
        assertThat(app.resolve("global/rocksdb")).isDirectory();
    }

    @Test
    void shouldKeepEverythingAfterACleanStopAndExpectTheNextOne() {
        UncleanStop stop = new UncleanStop(state, "veridict-ledger");
        stop.markClean();
        assertThat(stop.clearBeforeStart()).isEmpty();
        assertThat(app.resolve("0_0/rocksdb/tenant-heads/000001.sst")).exists();
        // the mark is used up: a crash of this run is seen by the next start
        assertThat(app.resolve(UncleanStop.MARKER)).doesNotExist();
        assertThat(new UncleanStop(state, "veridict-ledger").clearBeforeStart()).hasSize(2);
    }

    @Test
    void shouldDoNothingOnAFirstStart() {
        assertThat(new UncleanStop(state, "another-app").clearBeforeStart()).isEmpty();
        assertThat(state.resolve("another-app")).doesNotExist();
    }
}
