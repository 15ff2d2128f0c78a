package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void shouldPadColumnsToTheirWidestCellAndRightAlignNumbers() {
        String text = new Table(List.of("figure", "median"), List.of("median"))
                .section("1. section")
                .row("  short", "1.00")
                .row("  a longer label", "120,000")
                .render();

        assertThat(text).isEqualTo("""
                figure             median
                -------------------------
                1. section
                  short              1.00
                  a longer label  120,000
                """);
    }

    @Test
    void shouldRefuseARowWithTheWrongNumberOfCells() {
        Table table = new Table(List.of("a", "b"), List.of());

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFormatNumbersByMagnitudeWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Table.number(123_456.7)).isEqualTo("123,457");
            assertThat(Table.number(1_000)).isEqualTo("1,000");
            assertThat(Table.number(999.94)).isEqualTo("999.9");
            assertThat(Table.number(12.345)).isEqualTo("12.3");
            assertThat(Table.number(0.456)).isEqualTo("0.46");
            assertThat(Table.number(Double.NaN)).isEqualTo("n/a");
        } finally {
            Locale.setDefault(before);
        }
    }
}
