package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the image ships, {@code veridict-api.jar} and {@code lib/}: none of the dev stack's jars (the
 * built-in registry, the embedded broker and its Scala), which are in {@code dev-lib/}; from the jar
 * and {@code lib/} alone the commands run, and {@code dev} says in one line that it is not part of
 * the installation; the benchmark is not there either. ({@link ServerCommandIT} runs the service
 * itself the same way.)
 */
class InstallationIT {

    private static final Path LIB = Path.of("target", "lib");
    private static final Path DEV_LIB = Path.of("target", "dev-lib");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @Test
    void shouldKeepTheDevStackOutOfLib() throws IOException {
        List<String> lib = jarNames(LIB);
        List<String> devLib = jarNames(DEV_LIB);

        assertThat(lib).as("%s (jars a build from before dev-lib/ copied there stay until `mvn clean`)", LIB)
                .anyMatch(name -> name.startsWith("kafka-clients-")).anyMatch(name -> name.startsWith("kafka-streams-"))
                .noneMatch(InstallationIT::devStackOnly);
        assertThat(manifestClassPath()).isNotEmpty().allMatch(entry -> entry.startsWith("lib/"))
                .noneMatch(entry -> devStackOnly(entry.substring("lib/".length())));
        assertThat(devLib).anyMatch(name -> name.startsWith("veridict-dev-stack-")).anyMatch(name -> name.startsWith("kafka_2.13-"))
                .anyMatch(name -> name.startsWith("scala-library-"));
        assertThat(devLib).as("jars both in lib/ and dev-lib/").doesNotContainAnyElementsOf(lib);
    }

    @Test
    void shouldRunEveryCommandButDevFromTheJarAndLibAlone(@TempDir Path tmp) throws Exception {
        VeridictProcess.Outcome help = VeridictProcess.runOnce(RUN_LIMIT, "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).contains("server", "check", "dev", "verify", "retention", "operator-token", "secrets")
                .doesNotContain("bench");

        VeridictProcess.Outcome token = VeridictProcess.runOnce(RUN_LIMIT, "operator-token");
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(token.stdout()).contains("VERIDICT_OPERATOR_TOKEN_SHA256=");

        Path dataDir = tmp.resolve("data");
        VeridictProcess.Outcome dev = VeridictProcess.runOnce(RUN_LIMIT, "dev", "--data-dir", dataDir.toString(), "--kafka-port", "0");
        assertThat(dev.exitCode()).isEqualTo(1);
        assertThat(dev.stderr().strip()).isEqualTo(DevUnavailableCommand.MESSAGE);
        assertThat(dev.stdout()).isEmpty();
        assertThat(dataDir).doesNotExist();
    }

    private static boolean devStackOnly(String jarName) {
        return jarName.contains("dev-stack") || jarName.startsWith("kafka_2.") || jarName.startsWith("kafka-server-")
                || jarName.startsWith("kafka-raft-") || jarName.startsWith("scala");
    }

    /** The jar's manifest {@code Class-Path}: what {@code java -jar} puts on the classpath. */
    private static List<String> manifestClassPath() throws IOException {
        try (JarFile jar = new JarFile(Path.of("target", "veridict-api.jar").toFile())) {
            return List.of(jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+"));
        }
    }

    private static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".jar")).sorted().toList();
        }
    }
}
