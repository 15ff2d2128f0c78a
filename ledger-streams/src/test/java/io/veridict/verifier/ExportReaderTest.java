package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way an export can break the format is reported with its line number. */
class ExportReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> malformedExports() {
        return Stream.of(
                bytes("an empty file", new byte[0], 1, "empty file"),
                lines("an entry line first", l -> l.remove(0), 1, "not a Veridict export"),
                lines("export version 4", member(0, n -> n.put("version", 4)), 1, "version 4 is not supported"),
                lines("an entry line without payload_salt", member(1, n -> n.remove("payload_salt")), 2,
                        "\"payload_salt\" is missing"),
                lines("a salt that is not 64 hex digits", member(1, n -> n.put("payload_salt", "00ff")), 2,
                        "\"payload_salt\" must be 64 lower-case hex digits"),
                lines("a salt beside an erased payload", member(1, n -> n.putNull("payload")), 2,
                        "\"payload_salt\" must be null when \"payload\" is"),
                lines("a header without exported_at", member(0, n -> n.remove("exported_at")), 1, "\"exported_at\" is missing"),
                lines("a date that is not RFC 3339", member(0, n -> n.put("exported_at", "yesterday")), 1, "RFC 3339"),
                lines("a header tenant with an unpaired surrogate", l -> l.set(0, l.get(0).replace("\"tenant_id\":\"acme\"",
                        "\"tenant_id\":\"\\ud800\"")), 1, "\"tenant_id\" holds an unpaired surrogate"),
                lines("a negative from_seq", member(0, n -> n.put("from_seq", -1)), 1, "must not be negative"),
                lines("a line that is not JSON", l -> l.set(2, "{\"type\":"), 3, "not a JSON object"),
                lines("a JSON array", l -> l.set(2, "[1,2]"), 3, "not a JSON object"),
                lines("two objects on one line", l -> l.set(2, l.get(2) + " {}"), 3, "not a JSON object"),
                lines("a blank line", l -> l.add(2, ""), 3, "blank line"),
                lines("an unknown member", member(1, n -> n.put("note", "x")), 2, "unknown member \"note\""),
                lines("a missing member", member(1, n -> n.remove("correlation_id")), 2, "\"correlation_id\" is missing"),
                lines("a seq that is a string", member(1, n -> n.put("seq", "0")), 2, "\"seq\" must be an integer"),
                lines("a seq with a fraction", l -> l.set(1, l.get(1).replace("\"seq\":0,", "\"seq\":0.0,")), 2,
                        "\"seq\" must be an integer"),
                lines("a seq beyond 64 bits", l -> l.set(1, l.get(1).replace("\"seq\":0,", "\"seq\":18446744073709551616,")),
                        2, "\"seq\" must be an integer"),
                lines("an upper-case hash", member(2, n -> n.put("chain_hash", n.get("chain_hash").asText().toUpperCase())),
                        3, "\"chain_hash\" must be 64 lower-case hex digits"),
                lines("a short hash", member(2, n -> n.put("leaf_hash", "abcd")), 3, "\"leaf_hash\" must be 64"),
                lines("a payload that is a number", member(2, n -> n.put("payload", 7)), 3, "\"payload\" must be a string"),
                lines("a duplicate member", l -> l.set(1, l.get(1).replace("\"seq\":0,", "\"seq\":0,\"seq\":0,")), 2,
                        "Duplicate field 'seq'"),
                lines("a payload with an unpaired surrogate", l -> l.set(3, l.get(3).replaceFirst("\"payload\":\"\\{",
                        "\"payload\":\"\\\\ud800{")), 4, "unpaired surrogate"),
                lines("a tenant id with an unpaired surrogate", l -> l.set(1, l.get(1).replace("\"tenant_id\":\"acme\"",
                        "\"tenant_id\":\"\\udc00\"")), 2, "tenantId is not valid Unicode"),
                lines("an unknown line type", l -> l.add(2, "{\"type\":\"comment\"}"), 3, "unknown line type \"comment\""),
                lines("no end line", l -> l.remove(4), 5, "truncated"),
                lines("a file cut after two entries", l -> l.subList(3, 5).clear(), 4, "truncated"),
                lines("an end line with the wrong count", member(4, n -> n.put("entries", 2)), 5,
                        "the end line counts 2 entries, the file holds 3"),
                lines("a header promising more entries", member(0, n -> n.put("to_seq", 3)), 5,
                        "announces seqs 0..3 (4 entries), the file holds 3"),
                lines("data after the end line", l -> l.add("{\"type\":\"end\",\"entries\":3}"), 6, "data after the end line"),
                invalidUtf8());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedExports")
    void shouldRejectAMalformedExportNamingTheLine(String name, byte[] file, long line, String problem) {
        ExportFormatException e = catchThrowableOfType(() -> readAll(file), ExportFormatException.class);

        assertThat(e).as(name).isNotNull();
        assertThat(e.lineNumber()).as(name + ": " + e.getMessage()).isEqualTo(line);
        assertThat(e.problem()).as(name).contains(problem);
        assertThat(e.getMessage()).startsWith("line " + line + ": ");
    }

    private static void readAll(byte[] file) throws IOException {
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(file))) {
            ExportFormatTest.readAll(reader);
        }
    }

    private static List<String> validLines() {
        try {
            byte[] file = ExportFormatTest.export(new ExportHeader("acme", 0, 2, Instant.parse("2026-03-01T12:00:00Z")),
                    TestChains.chain("acme", 3), -1);
            return new ArrayList<>(Arrays.asList(new String(file, StandardCharsets.UTF_8).split("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments lines(String name, Consumer<List<String>> edit, long line, String problem) {
        List<String> lines = validLines();
        edit.accept(lines);
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        return Arguments.of(name, text.getBytes(StandardCharsets.UTF_8), line, problem);
    }

    private static Arguments bytes(String name, byte[] file, long line, String problem) {
        return Arguments.of(name, file, line, problem);
    }

    private static Arguments invalidUtf8() {
        List<String> lines = validLines();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'{', (byte) 0xFF, '}', '\n'});
        return Arguments.of("bytes that are not UTF-8", out.toByteArray(), 2L, "not valid UTF-8");
    }

    /** Edits the JSON object on line {@code index} (0-based). */
    private static Consumer<List<String>> member(int index, Consumer<ObjectNode> edit) {
        return lines -> {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(lines.get(index));
                edit.accept(node);
                lines.set(index, JSON.writeValueAsString(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
