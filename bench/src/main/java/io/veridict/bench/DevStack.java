package io.veridict.bench;

import io.veridict.api.VeridictApplication;
import io.veridict.api.cli.DemoTenant;
import io.veridict.api.cli.DevClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code veridict dev} started from the packaged jar as a child JVM, as {@code ./veridict} starts it
 * ({@link DevClasspath#javaCommand}), on free localhost ports, with a temporary work folder holding
 * its data ({@code dev/}), its output ({@code dev.log}) and whatever else the benchmark keeps there
 * ({@link #workDir()}). The benchmark measures it from outside, as a client would.
 *
 * <p>{@link #start} returns only once {@code /healthcheck} answers 200 (every dependency up), or
 * throws with the end of the log. {@link #close} stops the child as Ctrl-C does (killing it if
 * it has not exited within a minute) and deletes the work folder. If the benchmark itself is
 * interrupted, a JVM shutdown hook does the same, so no broker and no data are left behind.
 */
public final class DevStack implements AutoCloseable {

    /** Where the service's jar is when it runs from compiled classes (the IDE), from the checkout or from {@code bench/}. */
    static final List<Path> JAR_FALLBACKS = List.of(Path.of("api-dropwizard", "target", "veridict-api.jar"),
            Path.of("..", "api-dropwizard", "target", "veridict-api.jar"));
    /** The child's heap: the broker, the service's Streams and RocksDB live in it. */
    static final String CHILD_HEAP = "-Xmx1g";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final int registryPort = freePort();
    private final int apiPort = freePort();
    private final int adminPort = freePort();
    private final Path work;
    private final Path log;
    private final Process process;
    private final Thread cleanup;

    private DevStack(Path jar, Path work) throws IOException {
        this.work = work;
        this.log = work.resolve("dev.log");
        Path dataDir = work.resolve("dev");
        List<String> command = DevClasspath.javaCommand(jar, List.of(CHILD_HEAP), List.of("dev",
                "--data-dir", dataDir.toString(),
                "--kafka-port", Integer.toString(kafkaPort),
                "--controller-port", Integer.toString(controllerPort),
                "--registry-port", Integer.toString(registryPort),
                "--api-port", Integer.toString(apiPort),
                "--admin-port", Integer.toString(adminPort)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The benchmark measures the ledger at full load, not the rate limiter's refusals.
        builder.environment().put("VERIDICT_RATE_LIMITS_ENABLED", "false");
        this.process = builder.start();
        this.cleanup = new Thread(this::killAndDelete, "veridict-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** @return the dev stack's process, e.g. to read its CPU time */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Starts {@code veridict dev} in a new temporary folder and waits until it is healthy.
     *
     * @param jar     the service's jar ({@link #locateJar()})
     * @param timeout how long it may take to become healthy
     * @throws IllegalStateException when it exits or is not healthy in time; it is then stopped
     *                               and its folder deleted
     */
    public static DevStack start(Path jar, Duration timeout) throws IOException, InterruptedException {
        DevStack stack = new DevStack(jar, Files.createTempDirectory("veridict-bench-"));
        try {
            stack.awaitHealthy(timeout);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * The service's jar, {@code veridict-api.jar}, that the service's classes were loaded from
     * or, when they are compiled classes, the first of {@link #JAR_FALLBACKS} that exists
     * (relative to the working directory). Its {@code lib/} and {@code dev-lib/} are beside it.
     *
     * @throws IllegalStateException when there is none: build it with {@code mvn package}
     */
    public static Path locateJar() {
        try {
            var source = VeridictApplication.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                if (location.toString().endsWith(".jar") && Files.isRegularFile(location)) {
                    return location;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException notAFile) {
            // fall back below
        }
        return JAR_FALLBACKS.stream().filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath)
                .orElseThrow(() -> new IllegalStateException("cannot find veridict-api.jar: the service does not run from"
                        + " a jar, and none of " + JAR_FALLBACKS + " exists under " + Path.of("").toAbsolutePath()
                        + "; build it with `mvn package`"));
    }

    /** @return the temporary folder, deleted by {@link #close()}: put other temporary files under it */
    public Path workDir() {
        return work;
    }

    /** @return the broker's bootstrap servers */
    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** @return the built-in schema registry's base URL */
    public String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    /** @return the admin port's base URL (Dropwizard's {@code /ping}, {@code /healthcheck}) */
    public URI adminUrl() {
        return URI.create("http://localhost:" + adminPort);
    }

    /** @return the API's base URL */
    public URI apiUrl() {
        return URI.create("http://localhost:" + apiPort);
    }

    /**
     * The operator token the child printed on its first start, waiting up to {@code timeout} for it.
     *
     * @throws IllegalStateException when it did not print one in time
     */
    public String operatorToken(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> token = DemoTenant.exported(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "",
                    "VERIDICT_OPERATOR_TOKEN");
            if (token.isPresent()) {
                return token.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("veridict dev printed no operator token within " + timeout.toSeconds() + " s: "
                + logTail(2000));
    }

    /** @return the last {@code maxChars} characters of the child's output, for error reports */
    public String logTail(int maxChars) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the child (SIGTERM, then SIGKILL after 60 s), waits until it is gone, and deletes
     * the work folder.
     */
    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            deleteRecursively(work);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run
            }
        }
    }

    /** The shutdown hook: the benchmark was interrupted. */
    private void killAndDelete() {
        try {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("bench: could not delete " + root + ": " + e.getMessage());
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        URI health = URI.create("http://localhost:" + adminPort + "/healthcheck");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("veridict dev exited with " + process.exitValue() + ":\n" + logTail(4000));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("veridict dev not healthy after " + timeout.toSeconds() + " s: " + last
                + "\n" + logTail(4000));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
