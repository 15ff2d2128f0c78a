package io.veridict.api.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code veridict dev} started from the packaged jar as a separate JVM, as a user would,
 * on free ports and a given data folder. Its output goes to a log file in that folder.
 */
public final class DevStackProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "veridict-api.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final int kafkaPort = freePort();
    public final int controllerPort = freePort();
    public final int registryPort = freePort();
    public final int apiPort = freePort();
    public final int adminPort = freePort();
    private final Path dataDir;
    private final Path log;
    private Process process;

    public DevStackProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-dev.log");
    }

    /** Starts the JVM and returns once every health check is green, or throws after {@code timeout}. */
    public DevStackProcess start(Duration timeout) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with `mvn verify`");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-jar", JAR.toString(), "dev",
                "--data-dir", dataDir.toString(),
                "--kafka-port", Integer.toString(kafkaPort),
                "--controller-port", Integer.toString(controllerPort),
                "--registry-port", Integer.toString(registryPort),
                "--api-port", Integer.toString(apiPort),
                "--admin-port", Integer.toString(adminPort)));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitHealthy(timeout);
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public URI registryUrl() {
        return URI.create("http://localhost:" + registryPort);
    }

    public URI healthUrl() {
        return URI.create("http://localhost:" + adminPort + "/healthcheck");
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public HttpResponse<String> health() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(healthUrl()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Stops the JVM the way Ctrl-C does (SIGTERM) and waits for it to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("veridict dev did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("veridict dev exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> response = health();
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("veridict dev not healthy after " + timeout + ": " + last + "\n" + output());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
