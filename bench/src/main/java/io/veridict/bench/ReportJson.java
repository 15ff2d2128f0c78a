package io.veridict.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The report as one JSON document, for tools. Numbers that could not be measured ({@code NaN})
 * are {@code null}. Shape:
 *
 * <pre>{@code
 * {"date": "...", "runs": 3, "quick": false,
 *  "machine": {"cores": 2, "jvm": "...", "os": "...", "bench_max_heap_mb": ..., "child_heap": "-Xmx1g",
 *              "load_average_start": 1.9, "load_average_end": 2.3},
 *  "setup": {"command_bytes": 812, "chain_commit_interval_ms": 20, "dev_stack_start_s": 9.1,
 *            "http_load_generator": "wrk debian/4.1.0-3+b2 [epoll] (/usr/bin/wrk), ..." or null},
 *  "figures": [{"section": "...", "id": "chain.entries_per_s", "label": "...", "unit": "entries/s",
 *               "median": ..., "min": ..., "max": ..., "runs": [...],
 *               "target": {"op": ">=", "value": ...} or null, "verdict": "PASS|BELOW|INFO", "errors": 0}],
 *  "summary": {"pass": 5, "below": 2, "errors": 0}}
 * }</pre>
 */
final class ReportJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportJson() {
    }

    static ObjectNode toJson(BenchReport report) {
        ObjectNode root = JSON.objectNode();
        MachineFacts m = report.machine();
        root.put("date", m.date().toString());
        root.put("runs", report.runs());
        root.put("quick", report.quick());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", m.cores());
        machine.put("jvm", m.jvm());
        machine.put("os", m.os());
        machine.put("bench_max_heap_mb", m.benchMaxHeapMb());
        machine.put("child_heap", DevStack.CHILD_HEAP);
        number(machine, "load_average_start", m.loadAtStart());
        number(machine, "load_average_end", m.loadAtEnd());
        ObjectNode setup = root.putObject("setup");
        setup.put("command_bytes", report.commandBytes());
        setup.put("chain_commit_interval_ms", report.commitIntervalMs());
        number(setup, "dev_stack_start_s", report.devStackStartSeconds());
        if (report.loadGenerator() == null) {
            setup.putNull("http_load_generator");
        } else {
            setup.put("http_load_generator", report.loadGenerator());
        }

        ArrayNode figures = root.putArray("figures");
        for (BenchReport.Section section : report.sections()) {
            for (Figure f : section.figures()) {
                figures.add(figure(section.title(), f));
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("pass", report.count(Figure.Verdict.PASS));
        summary.put("below", report.count(Figure.Verdict.BELOW));
        summary.put("errors", report.errors());
        return root;
    }

    private static ObjectNode figure(String section, Figure f) {
        ObjectNode node = JSON.objectNode();
        node.put("section", section);
        node.put("id", f.id());
        node.put("label", f.label());
        node.put("unit", f.unit());
        number(node, "median", f.value().median());
        number(node, "min", f.value().min());
        number(node, "max", f.value().max());
        ArrayNode runs = node.putArray("runs");
        f.value().runs().forEach(v -> runs.add(v == null || v.isNaN() ? JSON.nullNode() : JSON.numberNode(v)));
        if (f.target() == null) {
            node.putNull("target");
        } else {
            node.putObject("target").put("op", f.target().atLeast() ? ">=" : "<=").put("value", f.target().threshold());
        }
        node.put("verdict", f.verdict().name());
        node.put("errors", f.errors());
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
