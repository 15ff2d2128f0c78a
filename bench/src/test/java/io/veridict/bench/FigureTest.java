package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void shouldPassAnAtLeastTargetOnItsThreshold() {
        assertThat(figure(20_000, Target.atLeast(20_000)).verdict()).isEqualTo(Figure.Verdict.PASS);
        assertThat(figure(19_999, Target.atLeast(20_000)).verdict()).isEqualTo(Figure.Verdict.BELOW);
    }

    @Test
    void shouldPassAnAtMostTargetOnItsThreshold() {
        assertThat(figure(50, Target.atMost(50)).verdict()).isEqualTo(Figure.Verdict.PASS);
        assertThat(figure(50.1, Target.atMost(50)).verdict()).isEqualTo(Figure.Verdict.BELOW);
    }

    @Test
    void shouldJudgeAFigureWithoutValueBelowItsTarget() {
        assertThat(figure(Double.NaN, Target.atMost(50)).verdict()).isEqualTo(Figure.Verdict.BELOW);
    }

    @Test
    void shouldCallAFigureWithoutTargetInformational() {
        assertThat(figure(1, null).verdict()).isEqualTo(Figure.Verdict.INFO);
    }

    @Test
    void shouldJudgeTheMedianNotTheBestRun() {
        Figure f = new Figure("x", "x", "x/s", Summary.of(List.of(10.0, 30.0, 12.0)), Target.atLeast(20), 0);

        assertThat(f.verdict()).isEqualTo(Figure.Verdict.BELOW);
    }

    @Test
    void shouldRefuseANegativeErrorCount() {
        assertThatThrownBy(() -> new Figure("x", "x", "x", Summary.of(List.of(1.0)), null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDescribeTargetsWithTheirThreshold() {
        assertThat(Target.atLeast(0.5).describe()).isEqualTo(">= 0.50");
        assertThat(Target.atMost(50).describe()).isEqualTo("<= 50.0");
        assertThat(Target.atLeast(20_000).describe()).isEqualTo(">= 20,000");
    }

    private static Figure figure(double median, Target target) {
        return new Figure("id", "label", "unit", Summary.of(List.of(median)), target, 0);
    }
}
