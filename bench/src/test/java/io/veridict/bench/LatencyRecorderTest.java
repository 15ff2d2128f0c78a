package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void shouldGiveNearestRankPercentilesOfOneToHundredMillis() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        for (int ms = 100; ms >= 1; ms--) {
            recorder.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        LatencyRecorder.Snapshot s = recorder.snapshot();

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.percentileMillis(0)).isEqualTo(1.0);
        assertThat(s.percentileMillis(50)).isEqualTo(50.0);
        assertThat(s.percentileMillis(99)).isEqualTo(99.0);
        assertThat(s.percentileMillis(99.5)).isEqualTo(100.0);
        assertThat(s.percentileMillis(100)).isEqualTo(100.0);
        assertThat(s.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void shouldRoundTheRankUpSoThatP99OfFewSamplesIsTheMaximum() {
        LatencyRecorder recorder = new LatencyRecorder(10);
        for (int ms = 1; ms <= 10; ms++) {
            recorder.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        LatencyRecorder.Snapshot s = recorder.snapshot();

        assertThat(s.percentileMillis(50)).isEqualTo(5.0);
        assertThat(s.percentileMillis(51)).isEqualTo(6.0);
        assertThat(s.percentileMillis(99)).isEqualTo(10.0);
    }

    @Test
    void shouldKeepSubMillisecondPrecision() {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(1_234_567);

        assertThat(recorder.snapshot().percentileMillis(50)).isCloseTo(1.234567, within(1e-9));
    }

    @Test
    void shouldAnswerNotANumberWhenNothingWasRecorded() {
        LatencyRecorder.Snapshot s = new LatencyRecorder(5).snapshot();

        assertThat(s.count()).isZero();
        assertThat(s.percentileMillis(99)).isNaN();
        assertThat(s.maxMillis()).isNaN();
    }

    @Test
    void shouldRecordNegativeLatenciesAsZero() {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(-5);

        assertThat(recorder.snapshot().maxMillis()).isZero();
    }

    @Test
    void shouldRefuseToRecordBeyondItsCapacity() {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(1);

        assertThatThrownBy(() -> recorder.record(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("capacity 1");
        assertThat(recorder.count()).isEqualTo(1);
    }

    @Test
    void shouldRejectPercentilesOutsideZeroToHundred() {
        LatencyRecorder.Snapshot s = new LatencyRecorder(0).snapshot();

        assertThatThrownBy(() -> s.percentileMillis(100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.percentileMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepEveryValueRecordedFromManyThreads() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(8 * 10_000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 1; i <= 10_000; i++) {
                    recorder.record(TimeUnit.MILLISECONDS.toNanos(i));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LatencyRecorder.Snapshot s = recorder.snapshot();

        assertThat(s.count()).isEqualTo(80_000);
        assertThat(s.percentileMillis(50)).isEqualTo(5_000.0);
        assertThat(s.maxMillis()).isEqualTo(10_000.0);
    }
}
