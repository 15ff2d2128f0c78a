package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a wrk run printed, read back: the script's block, wrk's own summary ignored, the shell's {@code times}. */
class WrkOutputTest {

    private static final String SUMMARY = """
            Running 5s test @ http://localhost:27080/v1/decisions/record
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    30.07ms    8.84ms 161.71ms   87.78%
                Req/Sec   530.18    112.00   802.00     73.00%
              5302 requests in 5.01s, 1.95MB read
              Non-2xx or 3xx responses: 3
            Requests/sec:   1058.28
            Transfer/sec:    399.14KB
            """;

    @Test
    void shouldCountExpectedAnswersAndNameEveryOtherKindOfFailure() {
        String output = SUMMARY + """
                veridict-wrk requests 5302
                veridict-wrk duration_us 5010000
                veridict-wrk latency_us 29950 44120 161707
                veridict-wrk socket_errors 0 2 0 1
                veridict-wrk status 201 2650
                veridict-wrk status 202 2
                veridict-wrk status 201 2649
                veridict-wrk status 503 1
                veridict-wrk-cpu
                0m0.000000s 0m0.000000s
                0m0.470000s 1m2.500000s
                """;

        LoadResult result = WrkOutput.parse(output, Set.of(200, 201));

        assertThat(result.answered()).isEqualTo(5299);
        assertThat(result.seconds()).isEqualTo(5.01);
        assertThat(result.requestsPerSecond()).isEqualTo(5299 / 5.01);
        assertThat(result.p50Ms()).isEqualTo(29.95);
        assertThat(result.p99Ms()).isEqualTo(44.12);
        assertThat(result.maxMs()).isEqualTo(161.707);
        assertThat(result.errorKinds()).isEqualTo(Map.of("HTTP 202", 2L, "HTTP 503", 1L, "socket read error", 2L,
                "timeout (no answer within 30 s)", 1L));
        assertThat(result.errors()).isEqualTo(6);
        assertThat(result.generatorCpuNanos()).isEqualTo(62_970_000_000L);
        assertThat(result.serviceCpuNanos()).isEqualTo(-1);
        assertThat(result.generatorCpuShare(2)).isCloseTo(62.97 / (5.01 * 2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.generatorCpuMicrosPerRequest()).isCloseTo(62.97e6 / 5305, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shouldCountAnExpectedRefusalAsAnswered() {
        LoadResult result = WrkOutput.parse("""
                veridict-wrk requests 100
                veridict-wrk duration_us 1000000
                veridict-wrk latency_us 1000 2000 3000
                veridict-wrk socket_errors 0 0 0 0
                veridict-wrk status 400 60
                veridict-wrk status 400 40
                """, Set.of(400));

        assertThat(result.answered()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.describeErrors()).isEqualTo("0");
        assertThat(result.generatorCpuNanos()).isEqualTo(-1);
        assertThat(result.generatorCpuShare(2)).isNaN();
        assertThat(result.generatorCpuMicrosPerRequest()).isNaN();
    }

    @Test
    void shouldReadBashTimesToo() {
        assertThat(WrkOutput.childCpuNanos("veridict-wrk-cpu\n0m0.001s 0m0.002s\n0m1.250s 0m0.750s\n"))
                .isEqualTo(2_000_000_000L);
        assertThat(WrkOutput.childCpuNanos("veridict-wrk-cpu\n0m0.001s 0m0.002s\n")).isEqualTo(-1);
    }

    @Test
    void shouldCountAnswersWithoutAStatusAsErrors() {
        LoadResult result = WrkOutput.parse("""
                veridict-wrk requests 10
                veridict-wrk duration_us 1000000
                veridict-wrk latency_us 1000 2000 3000
                veridict-wrk socket_errors 0 0 0 0
                veridict-wrk status 200 8
                """, Set.of(200));

        assertThat(result.errorKinds()).isEqualTo(Map.of("answer without a status", 2L));
    }

    @Test
    void shouldRefuseOutputWithoutTheBlock() {
        assertThatThrownBy(() -> WrkOutput.parse(SUMMARY, Set.of(200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("veridict-wrk duration_us")
                .hasMessageContaining("Requests/sec");
    }
}
