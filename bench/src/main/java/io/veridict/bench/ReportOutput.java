package io.veridict.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: text on a stream, JSON in a file; both UTF-8 whatever the platform charset. */
public final class ReportOutput {

    private ReportOutput() {
    }

    /** Writes the text report to {@code out} as UTF-8 and flushes it. */
    public static void print(BenchReport report, PrintStream out) {
        byte[] bytes = ReportText.render(report).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** Writes the JSON report to {@code file} (replacing it), pretty-printed, UTF-8. */
    public static void writeJson(BenchReport report, Path file, ObjectMapper mapper) throws IOException {
        String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.toJson(report));
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }
}
