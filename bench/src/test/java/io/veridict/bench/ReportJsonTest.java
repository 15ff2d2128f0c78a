package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {

    private static final MachineFacts MACHINE = new MachineFacts(Instant.parse("2026-01-02T03:04:05Z"), 2,
            "OpenJDK 64-Bit Server VM 17", "Linux 6 amd64", 512, 1.5, Double.NaN);

    @Test
    void shouldWriteEveryFigureWithItsRunsTargetVerdictAndErrors() throws Exception {
        JsonNode json = ReportJson.toJson(report());

        assertThat(json.get("date").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.get("runs").asInt()).isEqualTo(3);
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("machine").get("load_average_end").isNull()).isTrue();
        assertThat(json.get("setup").get("command_bytes").asInt()).isEqualTo(777);
        assertThat(json.get("setup").get("http_load_generator").asText()).isEqualTo("wrk 4.1.0 (/usr/bin/wrk)");
        assertThat(json.get("figures")).hasSize(3);

        JsonNode batch = json.get("figures").get(1);
        assertThat(batch.get("section").asText()).isEqualTo("4. batch");
        assertThat(batch.get("id").asText()).isEqualTo("batch.decisions_per_s");
        assertThat(batch.get("median").asDouble()).isEqualTo(25_000.0);
        assertThat(batch.get("runs")).hasSize(3);
        assertThat(batch.get("target").get("op").asText()).isEqualTo(">=");
        assertThat(batch.get("target").get("value").asDouble()).isEqualTo(20_000.0);
        assertThat(batch.get("verdict").asText()).isEqualTo("PASS");
        assertThat(batch.get("errors").asLong()).isEqualTo(2);

        JsonNode latency = json.get("figures").get(2);
        assertThat(latency.get("median").isNull()).isTrue();
        assertThat(latency.get("runs").get(0).isNull()).isTrue();
        assertThat(latency.get("verdict").asText()).isEqualTo("BELOW");

        assertThat(json.get("figures").get(0).get("target").isNull()).isTrue();
        assertThat(json.get("summary").get("pass").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("below").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("errors").asLong()).isEqualTo(3);
    }

    @Test
    void shouldWriteTheFileAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");

        ReportOutput.writeJson(report(), file, new ObjectMapper());

        JsonNode json = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(json.get("figures").get(0).get("label").asText()).isEqualTo("raw producer — baseline");
    }

    @Test
    void shouldRenderTheSameFiguresAsText() {
        String text = ReportText.render(report());

        assertThat(text).contains("2 cores", "load average 1.50 at start, n/a at end", "command 777 B",
                "load:    wrk 4.1.0 (/usr/bin/wrk)",
                "4. batch", "25,000", ">= 20,000", "PASS", "BELOW", "targets: 1 PASS, 1 BELOW; errors: 3");
    }

    static BenchReport report() {
        Figure producer = Figure.info("producer.records_per_s", "raw producer — baseline", "records/s",
                Summary.of(List.of(100_000.0, 90_000.0, 110_000.0)), 1);
        Figure batch = new Figure("batch.decisions_per_s", "100 per request", "decisions/s",
                Summary.of(List.of(24_000.0, 25_000.0, 26_000.0)), Target.atLeast(20_000), 2);
        Figure p99 = new Figure("open.p99_ms", "p99 latency", "ms", Summary.of(List.of(Double.NaN)), Target.atMost(50), 0);
        return new BenchReport(MACHINE, 3, false, 777, 20, 9.5, "wrk 4.1.0 (/usr/bin/wrk)", List.of(
                new BenchReport.Section("1. producer", List.of(producer)),
                new BenchReport.Section("4. batch", List.of(batch, p99))));
    }
}
