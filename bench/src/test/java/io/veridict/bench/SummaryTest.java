package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void shouldReportTheMiddleRunOfAnOddNumber() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));

        assertThat(s.median()).isEqualTo(20.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.runs()).containsExactly(30.0, 10.0, 20.0);
    }

    @Test
    void shouldAverageTheTwoMiddleRunsOfAnEvenNumber() {
        assertThat(Summary.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void shouldLeaveRunsWithoutValueOutOfMedianMinAndMax() {
        Summary s = Summary.of(Arrays.asList(Double.NaN, 5.0, 7.0));

        assertThat(s.median()).isEqualTo(6.0);
        assertThat(s.min()).isEqualTo(5.0);
        assertThat(s.runs()).hasSize(3);
    }

    @Test
    void shouldBeNotANumberWhenNoRunHasAValue() {
        Summary s = Summary.of(List.of(Double.NaN));

        assertThat(s.median()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
    }

    @Test
    void shouldScaleEveryRun() {
        Summary s = Summary.of(List.of(10.0, 30.0, 20.0)).scaled(0.1);

        assertThat(s.median()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(3.0);
    }

    @Test
    void shouldSummariseAValueTakenFromEachResult() {
        record Result(double rate) {
        }

        assertThat(Summary.of(List.of(new Result(1), new Result(9), new Result(5)), Result::rate).median()).isEqualTo(5.0);
    }
}
