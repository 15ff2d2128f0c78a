package io.veridict.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load from {@code wrk} (an event-driven C load generator; Debian package {@code wrk}),
 * found on {@code PATH}. Each run writes a {@link WrkScript} and runs
 * {@code wrk -t T -c C -d Ns --timeout 30s -s script URL} under {@code sh}, which then prints
 * its children's CPU time ({@code times}): wrk's CPU for the run. Runs last whole seconds
 * (at least one). Each wrk thread drives its share of the connections; there are never more
 * threads than connections.
 */
final class Wrk implements LoadGenerator {

    /** The shell around wrk: runs it ({@code $0} is wrk), then prints wrk's CPU time. */
    static final String WRAPPER = "\"$0\" \"$@\"; rc=$?; echo " + WrkOutput.CPU_MARK + "; times; exit $rc";

    private final Path binary;
    private final Path scratch;
    private final int threads;
    private final String version;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param binary  the wrk executable
     * @param scratch where scripts and outputs go (deleted with the dev stack's work folder)
     * @param threads wrk threads ({@code -t}) at most
     */
    Wrk(Path binary, Path scratch, int threads) {
        this.binary = binary;
        this.scratch = scratch;
        this.threads = threads;
        this.version = version(binary);
    }

    /** @return the first executable {@code wrk} in the directories of {@code path} (a {@code PATH} value) */
    static Optional<Path> locate(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return version + " (" + binary + "), at most " + threads + " threads, closed loop, Lua script per run";
    }

    @Override
    public LoadResult closedLoop(LoadRequest request, int concurrency, Duration duration) throws Exception {
        int run = runs.incrementAndGet();
        Path script = scratch.resolve("wrk-" + run + ".lua");
        Path output = scratch.resolve("wrk-" + run + ".out");
        Files.writeString(script, WrkScript.render(request), StandardCharsets.UTF_8);
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        List<String> command = new ArrayList<>(List.of("sh", "-c", WRAPPER, binary.toString(),
                "-t", Integer.toString(Math.max(1, Math.min(threads, concurrency))),
                "-c", Integer.toString(concurrency),
                "-d", seconds + "s",
                "--timeout", LedgerHttp.REQUEST_TIMEOUT.toSeconds() + "s",
                "-s", script.toString(),
                request.uri().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        Duration patience = LoadGenerator.patience(Duration.ofSeconds(seconds));
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("wrk did not finish within " + patience.toSeconds() + " s: "
                    + WrkOutput.tail(Files.readString(output, StandardCharsets.UTF_8)));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("wrk exited with " + process.exitValue() + ": " + WrkOutput.tail(printed));
        }
        return WrkOutput.parse(printed, request.expected());
    }

    /** @return e.g. {@code "wrk debian/4.1.0-3+b2 [epoll]"}: the first line of {@code wrk -v}, up to its copyright */
    private static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            String first = text.lines().findFirst().orElse("wrk").trim();
            int copyright = first.indexOf(" Copyright");
            return copyright > 0 ? first.substring(0, copyright) : first;
        } catch (IOException e) {
            return "wrk";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }
}
