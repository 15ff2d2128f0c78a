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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged {@code veridict} jar started as a separate JVM, as a user would: either
 * {@code veridict dev} on free ports and a given data folder, or {@code veridict server}
 * with a configuration file and environment. Its output goes to a log file beside the
 * data folder.
 */
public final class VeridictProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "veridict-api.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public final int kafkaPort;
    public final int controllerPort;
    public final int registryPort;
    public final int apiPort;
    public final int adminPort;
    private final Path log;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    private VeridictProcess(Path log) {
        this(log, freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private VeridictProcess(Path log, int kafkaPort, int controllerPort, int registryPort, int apiPort, int adminPort) {
        this.log = log;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.registryPort = registryPort;
        this.apiPort = apiPort;
        this.adminPort = adminPort;
    }

    /** {@code veridict dev} with its data in {@code dataDir}. */
    public static VeridictProcess dev(Path dataDir) {
        return dev(dataDir, new VeridictProcess(dataDir.resolveSibling(dataDir.getFileName() + "-dev.log")));
    }

    /**
     * {@code veridict dev} again on the data and the ports of an earlier stack, stopped or killed:
     * a restart as an operator makes one. (The broker's metadata keeps its own address; a restart on
     * other ports can leave the transaction coordinator writing the markers that end a killed
     * producer's transaction to the old address.)
     */
    public static VeridictProcess restart(Path dataDir, VeridictProcess before) {
        return dev(dataDir, new VeridictProcess(before.log, before.kafkaPort, before.controllerPort, before.registryPort,
                before.apiPort, before.adminPort));
    }

    /**
     * Restarts a killed stack ({@link #restart}) and waits for it to be healthy; if it is not within
     * {@code patience}, kills that attempt and restarts once more. The restarted service rejoins its
     * consumer group under the name it kept, so it does not wait for the group; but after a
     * {@code kill -9} of the whole stack, broker included, a chain task sometimes waits on the
     * committed offsets of the transaction the kill interrupted until the broker restarts again
     * (seen in one CI run of many; README, Recovery). Tests about what survives a crash, not about
     * how fast, use this.
     */
    public static VeridictProcess restartAfterCrash(Path dataDir, VeridictProcess killed, Duration patience)
            throws Exception {
        VeridictProcess attempt = restart(dataDir, killed);
        try {
            return attempt.start(patience);
        } catch (IllegalStateException notHealthy) {
            attempt.kill();
            return restart(dataDir, killed).start(patience);
        }
    }

    private static VeridictProcess dev(Path dataDir, VeridictProcess p) {
        p.arguments.addAll(List.of("dev",
                "--data-dir", dataDir.toString(),
                "--kafka-port", Integer.toString(p.kafkaPort),
                "--controller-port", Integer.toString(p.controllerPort),
                "--registry-port", Integer.toString(p.registryPort),
                "--api-port", Integer.toString(p.apiPort),
                "--admin-port", Integer.toString(p.adminPort)));
        return p;
    }

    /**
     * {@code veridict server config} with {@code env} added to the environment; the API
     * and admin ports are passed as {@code VERIDICT_API_PORT} and {@code VERIDICT_ADMIN_PORT}.
     */
    public static VeridictProcess server(Path config, Map<String, String> env, Path log) {
        VeridictProcess p = new VeridictProcess(log);
        p.arguments.addAll(List.of("server", config.toString()));
        p.environment.putAll(env);
        p.environment.put("VERIDICT_API_PORT", Integer.toString(p.apiPort));
        p.environment.put("VERIDICT_ADMIN_PORT", Integer.toString(p.adminPort));
        return p;
    }

    /**
     * The environment a {@code veridict dev --broker-only} process printed for the service: each
     * {@code export NAME=value} line, and each pair of the line that sets several.
     */
    public Map<String, String> printedEnvironment() throws IOException {
        String output = output();
        Map<String, String> env = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("export (VERIDICT_[A-Z0-9_]+)=(\\S+)").matcher(output);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        java.util.regex.Matcher pairs = java.util.regex.Pattern.compile("(VERIDICT_[A-Z0-9_]+)=(\\S+)").matcher(output);
        while (pairs.find()) {
            env.putIfAbsent(pairs.group(1), pairs.group(2));
        }
        return env;
    }

    /** Freezes the process ({@code SIGSTOP}): it holds its connections open and answers nothing. */
    public void freeze() throws Exception {
        signal("-STOP");
    }

    /** Lets a frozen process run again ({@code SIGCONT}). */
    public void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** {@code veridict dev --broker-only}: Kafka and the registry alone, on this process's ports. */
    public static VeridictProcess brokerOnly(Path dataDir) {
        VeridictProcess p = dev(dataDir);
        p.arguments.add("--broker-only");
        return p;
    }

    /**
     * Starts the JVM and returns once its output holds {@code line}, or throws after
     * {@code timeout}: for commands that serve no health check.
     */
    public VeridictProcess startUntil(String line, Duration timeout) throws Exception {
        launch();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(line)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("veridict printed no \"" + line + "\" within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
        return this;
    }

    /** Adds an environment variable for the JVM to start. */
    public VeridictProcess withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the JVM and returns once every health check is green, or throws after {@code timeout}. */
    public VeridictProcess start(Duration timeout) throws Exception {
        return start(timeout, response -> response.statusCode() == 200);
    }

    /** Starts the JVM and returns once a health answer satisfies {@code ready}, or throws after {@code timeout}. */
    public VeridictProcess start(Duration timeout, Predicate<HttpResponse<String>> ready) throws Exception {
        launch();
        awaitHealth(timeout, ready);
        return this;
    }

    /**
     * Starts the JVM with this process's arguments and environment, its output appended to the log:
     * {@code dev} as {@code ./veridict} starts it (with {@code dev-lib/} on the classpath), {@code server}
     * as the image does ({@code java -jar}, {@code lib/} alone).
     */
    private void launch() throws IOException {
        requireBuilt(JAR);
        List<String> heap = List.of("-Xmx768m");
        List<String> command = arguments.get(0).equals("dev") ? DevClasspath.javaCommand(JAR, heap, arguments)
                : javaJar(JAR, heap, arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * {@code POST /v1/decisions/record} to this process's API for {@code tenant}, with
     * {@code key} and {@code idempotencyKey}.
     */
    public HttpResponse<String> record(String tenant, String key, String idempotencyKey, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + apiPort + "/v1/decisions/record"))
                .header("X-Veridict-Tenant-Id", tenant).header("Authorization", "Bearer " + key)
                .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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

    /**
     * The value of an {@code export NAME=value} line the dev stack printed (the demo tenant's key,
     * the operator token), waiting up to {@code timeout} for it to appear.
     */
    public String exported(String name, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> value = DemoTenant.exported(output(), name);
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("veridict printed no export " + name + " within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** The operator token {@code veridict dev} printed on its first start. */
    public String operatorToken() throws IOException, InterruptedException {
        return exported("VERIDICT_OPERATOR_TOKEN", Duration.ofSeconds(60));
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
            throw new IllegalStateException("veridict " + arguments.get(0) + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the JVM without warning (SIGKILL, as {@code kill -9}) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("veridict " + arguments.get(0) + " survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * What a one-shot command left behind.
     *
     * @param exitCode the process exit code
     * @param stdout   its standard output, as UTF-8
     * @param stderr   its standard error, as UTF-8
     */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code veridict <arguments>} from the packaged jar to completion and captures what
     * it printed; kills it and throws if it has not exited within {@code timeout}.
     */
    public static Outcome runOnce(Duration timeout, String... arguments) throws Exception {
        return runJar(JAR, timeout, arguments);
    }

    /** The auditors' standalone verifier, built by the {@code verifier} module. */
    public static final Path VERIFIER_JAR = Path.of("..", "verifier", "target", "veridict-verifier.jar");

    /** {@code java -jar veridict-verifier.jar arguments}, as {@link #runOnce}. */
    public static Outcome runVerifier(Duration timeout, String... arguments) throws Exception {
        return runJar(VERIFIER_JAR, timeout, arguments);
    }

    /** {@code java -jar}, as the image runs it: the classpath is the jar and what its manifest names. */
    private static Outcome runJar(Path jar, Duration timeout, String... arguments) throws Exception {
        requireBuilt(jar);
        List<String> command = javaJar(jar, List.of("-Xmx256m"), List.of(arguments));
        Path stdout = Files.createTempFile("veridict-out", ".txt");
        Path stderr = Files.createTempFile("veridict-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("veridict " + String.join(" ", arguments) + " did not exit within " + timeout
                        + "\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private void awaitHealth(Duration timeout, Predicate<HttpResponse<String>> ready) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("veridict " + arguments.get(0) + " exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> response = health();
                if (ready.test(response)) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("veridict " + arguments.get(0) + " not healthy after " + timeout + ": " + last + "\n" + output());
    }

    private static void requireBuilt(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the tests with `mvn verify`");
        }
    }

    private static List<String> javaJar(Path jar, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        return command;
    }

    /** Ports handed out in this JVM: a closed ephemeral port may come back from the next {@code new ServerSocket(0)}. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
