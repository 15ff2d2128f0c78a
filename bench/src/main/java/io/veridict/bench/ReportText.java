package io.veridict.bench;

import java.util.List;
import java.util.Locale;

/** The report as people read it: facts first, then one table of every figure. */
final class ReportText {

    private static final List<String> HEADERS = List.of("figure", "median", "min", "max", "unit", "target", "verdict", "errors");
    private static final List<String> NUMERIC = List.of("median", "min", "max", "errors");

    private ReportText() {
    }

    /** @return the report as text, lines ending in {@code \n} */
    static String render(BenchReport report) {
        MachineFacts m = report.machine();
        StringBuilder out = new StringBuilder();
        out.append("Veridict benchmark, ").append(m.date()).append(report.quick() ? " (QUICK smoke run: sizes too small to judge)" : "")
                .append('\n');
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s, %s; load average %s at start, %s at end%n",
                m.cores(), m.jvm(), m.os(), Table.number(m.loadAtStart()), Table.number(m.loadAtEnd())));
        out.append(String.format(Locale.ROOT,
                "setup:   veridict dev (%s) healthy after %.1f s; command %d B (Confluent-framed Avro LedgerCommand); "
                        + "chain commit interval %d ms%n",
                DevStack.CHILD_HEAP, report.devStackStartSeconds(), report.commandBytes(), report.commitIntervalMs()));
        if (report.loadGenerator() != null) {
            out.append("load:    ").append(report.loadGenerator()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "runs:    %d per figure; the median is reported and judged, min and max beside it%n%n",
                report.runs()));

        Table table = new Table(HEADERS, NUMERIC);
        for (BenchReport.Section section : report.sections()) {
            table.section(section.title());
            for (Figure f : section.figures()) {
                table.row("  " + f.label(), Table.number(f.value().median()), Table.number(f.value().min()),
                        Table.number(f.value().max()), f.unit(), f.target() == null ? "" : f.target().describe(),
                        f.verdict() == Figure.Verdict.INFO ? "" : f.verdict().name(), Long.toString(f.errors()));
            }
        }
        out.append(table.render());
        out.append(String.format(Locale.ROOT, "%ntargets: %d PASS, %d BELOW; errors: %d%n",
                report.count(Figure.Verdict.PASS), report.count(Figure.Verdict.BELOW), report.errors()));
        return out.toString();
    }
}
