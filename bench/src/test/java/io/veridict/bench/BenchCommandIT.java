package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veridict bench --quick --runs 1} end to end: a real child {@code veridict dev} from the
 * packaged jar, every measurement, the table on stdout and the JSON file. Behaviour only: which
 * figures exist, that they are numbers and not negative, that errors are counted. Never how fast.
 */
class BenchCommandIT {

    private static final List<String> MEASURED = List.of(
            "producer.records_per_s",
            "chain.entries_per_s", "chain.ratio_to_producer", "chain.startup_ms", "chain.records_per_entry",
            "chain.streams_internal_records_per_entry", "chain.broker_internal_records_per_entry",
            "http.ping.c32.requests_per_s", "http.ping.c32.p99_ms", "http.ping.c32.generator_cpu_share",
            "http.ping.c32.service_cpu_share", "http.ping.c32.generator_cpu_us_per_request",
            "http.floor.c32.requests_per_s", "http.floor.c32.p99_ms", "http.floor.c32.ratio_to_ping",
            "eval.c1.requests_per_s", "eval.c1.p99_ms", "eval.c32.requests_per_s", "eval.c32.ratio_to_floor",
            "http.c1.requests_per_s", "http.c32.requests_per_s", "http.c128.requests_per_s",
            "http.c1.p50_ms", "http.c128.p99_ms", "http.c128.max_ms", "http.c128.generator_cpu_share",
            "http.c128.records_per_entry", "http.c128.streams_internal_records_per_entry",
            "http.c128.service_cpu_us_per_entry",
            "open.achieved_per_s", "open.p50_ms", "open.p99_ms", "open.generator_cpu_share",
            "open.ping.achieved_per_s", "open.ping.p99_ms", "open.ping.generator_cpu_us_per_request", "open.floor.p99_ms",
            "hot.c32.entries_per_s", "hot.c32.p99_ms", "hot.c32.ratio_to_spread", "hot.c32.records_per_entry",
            "batch.s100.c2.decisions_per_s", "batch.s100.c4.decisions_per_s",
            "batch.s500.c2.decisions_per_s", "batch.s500.c4.decisions_per_s", "batch.s100.c4.records_per_entry",
            "chain_group100.entries_per_s", "chain_group100.records_per_entry",
            "replay.raw_records_per_s", "replay.verifier_entries_per_s", "replay.ratio_to_raw",
            "proofs.inclusion_p50_ms", "proofs.inclusion_p99_ms", "proofs.consistency_p50_ms", "proofs.consistency_p99_ms");
    /** Reported, but may have no value in a smoke run (no concurrency kept p99 within 100 ms). */
    private static final List<String> PRESENT = List.of("http.best.requests_per_s", "http.best.concurrency",
            "http.best.ratio_to_ping");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldMeasureEveryFigureOnATemporaryDevStackAndCountErrors(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");

        String stdout = runBench("--quick", "--runs", "1", "--json", json.toString());

        assertThat(stdout).contains("Veridict benchmark", "QUICK", "cores", "figure", "median", "verdict", "errors",
                "1. raw producer", "2. chain throughput", "2b. chain throughput", "3. HTTP baselines", "3a. HTTP single record", "3b.",
                "3c. HTTP hot tenant", "4. HTTP batch", "5. verify replay", "load:");
        JsonNode report = new ObjectMapper().readTree(Files.readString(json, StandardCharsets.UTF_8));
        assertThat(report.get("quick").asBoolean()).isTrue();
        assertThat(report.get("runs").asInt()).isEqualTo(1);
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        assertThat(report.get("setup").get("command_bytes").asInt()).isGreaterThan(100);
        assertThat(report.get("setup").get("http_load_generator").asText()).isNotBlank();

        List<String> ids = new ArrayList<>();
        long errors = 0;
        for (JsonNode figure : report.get("figures")) {
            ids.add(figure.get("id").asText());
            JsonNode median = figure.get("median");
            assertThat(median.isNull() || median.asDouble() >= 0).as("%s is not negative", figure.get("id")).isTrue();
            assertThat(figure.get("runs")).hasSize(1);
            assertThat(figure.get("errors").asLong()).as("%s errors", figure.get("id")).isNotNegative();
            assertThat(figure.get("verdict").asText()).isIn(figure.get("target").isNull() ? List.of("INFO") : List.of("PASS", "BELOW"));
            errors += figure.get("errors").asLong();
        }
        assertThat(ids).containsAll(MEASURED).containsAll(PRESENT).doesNotHaveDuplicates();
        for (JsonNode figure : report.get("figures")) {
            if (MEASURED.contains(figure.get("id").asText())) {
                assertThat(figure.get("median").isNumber()).as("%s measured", figure.get("id")).isTrue();
            }
        }
        for (JsonNode figure : report.get("figures")) {
            String id = figure.get("id").asText();
            if (id.endsWith(".records_per_entry")) {
                // every chained entry writes its payload; a command of one decision also its command and its run
                assertThat(figure.get("median").asDouble()).as("%s", id)
                        .isGreaterThanOrEqualTo(id.startsWith("chain.") ? 3 : 1);
            }
        }
        assertThat(report.get("summary").get("errors").asLong()).isEqualTo(errors);
        assertThat(report.get("summary").get("pass").asInt() + report.get("summary").get("below").asInt())
                .isEqualTo(report.get("figures").findValues("target").stream().filter(t -> !t.isNull()).count());
    }

    /** Runs the command as Dropwizard would, capturing stdout. */
    private static String runBench(String... args) throws Exception {
        ArgumentParser parser = ArgumentParsers.newFor("veridict").build();
        BenchCommand command = new BenchCommand();
        Subparser subparser = parser.addSubparsers().addParser(command.getName());
        command.configure(subparser);
        String[] all = new String[args.length + 1];
        all[0] = command.getName();
        System.arraycopy(args, 0, all, 1, args.length);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            command.run(null, parser.parseArgs(all));
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
