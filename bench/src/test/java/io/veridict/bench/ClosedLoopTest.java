package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A closed loop counts what succeeded and says what kind of failure each error was. */
class ClosedLoopTest {

    @Test
    void shouldCountErrorsByKind() throws Exception {
        ClosedLoop.Result result = ClosedLoop.run(i -> {
            if (i == 3) {
                throw new IOException("connection reset");
            }
            return i % 4 == 1 ? 202 : 201;
        }, LedgerHttp::succeeded, 2, 8, Duration.ofSeconds(10));

        assertThat(result.latency().count()).isEqualTo(5);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.errorKinds()).isEqualTo(Map.of("HTTP 202", 2L, "I/O error (IOException: connection reset)", 1L));
        assertThat(result.describeErrors()).isEqualTo("3 (HTTP 202: 2, I/O error (IOException: connection reset): 1)");
    }

    @Test
    void shouldSayZeroWhenNothingFailed() throws Exception {
        ClosedLoop.Result result = ClosedLoop.run(i -> 201, LedgerHttp::succeeded, 1, 3, Duration.ofSeconds(10));

        assertThat(result.errors()).isZero();
        assertThat(result.describeErrors()).isEqualTo("0");
    }

    @Test
    void shouldStopSendingAfterItsDurationWithoutCountingUnsentRequests() throws Exception {
        ClosedLoop.Result result = ClosedLoop.runFor(i -> {
            Thread.sleep(5);
            return 201;
        }, LedgerHttp::succeeded, 2, Duration.ofMillis(200), 10_000);

        assertThat(result.latency().count()).isBetween(2, 200);
        assertThat(result.errors()).isZero();
        assertThat(result.seconds()).isBetween(0.2, 5.0);
    }
}
