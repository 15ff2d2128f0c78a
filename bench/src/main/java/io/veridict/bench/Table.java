package io.veridict.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table: a header row, then rows and section titles, columns padded to their
 * widest cell. Columns whose header is given in {@link #Table(List, List)} as right-aligned are
 * padded on the left (numbers). Output uses {@code \n} line ends and never depends on the
 * platform locale.
 */
public final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param headers      column headers
     * @param rightAligned the headers of the columns to right-align
     */
    public Table(List<String> headers, List<String> rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            this.rightAligned[i] = rightAligned.contains(headers.get(i));
        }
    }

    /** Adds a row; it MUST have one cell per column. */
    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + headers.size()
                    + " columns: " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    /** Adds a section title on a line of its own. */
    public Table section(String title) {
        rows.add(new String[] {title});
        return this;
    }

    /** @return the table, one line per row, each line ending in {@code \n} */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (String[] row : rows) {
            if (row.length == widths.length) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        out.append("-".repeat(total)).append('\n');
        for (String[] row : rows) {
            if (row.length == 1 && widths.length != 1) {
                out.append(row[0]).append('\n');
            } else {
                line(out, row, widths);
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * Formats a figure for people: thousands separated and no decimals from 1,000 up, one decimal
     * from 10, two below; {@code n/a} for {@code NaN}. Locale-independent.
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
