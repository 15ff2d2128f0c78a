package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.verifier.TestChains.Link;
import io.veridict.streams.chain.Receipts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    private static final Instant EXPORTED_AT = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An export of version 1 (before payload salts): the ledger format's worked example of version 1. */
    private static final String VERSION_1_EXAMPLE = "{\"type\":\"veridict-export\",\"version\":1,\"tenant_id\":\"acme\",\"from_seq\":0,\"to_seq\":0,"
            + "\"exported_at\":\"2026-03-01T12:00:00.000Z\"}\n"
            + "{\"type\":\"entry\",\"format_version\":1,\"tenant_id\":\"acme\",\"seq\":0,\"entry_id\":\"0197a3c1-7e00-7000-8000-000000000001\","
            + "\"entry_type\":\"DECISION\",\"received_at_ms\":1750000000000,\"recorded_at_ms\":1750000000004,"
            + "\"actor_key_id\":\"key_live_7Hq2\",\"correlation_id\":\"req-5f0c\",\"payload_hash\":\"9ab2ad2b89353edc4df669dfe4ae27e607c06f4e8a18b0df7067f86a1940359f\","
            + "\"leaf_hash\":\"56db41c62d87b2763c874587ba2f80beb3d365cab898ad7d80c3f487b16c7df3\",\"prev_chain_hash\":\"5c9248fd0d389479b641c0eb74c182e4f1a505bcd39bf99af0ae8761c3c9c17b\","
            + "\"chain_hash\":\"ca9a322976aa4dcf9a76b825c5a6a84069f89ea840bdedf7b30587a958c5d43d\",\"payload\":\"{\\\"context\\\":{\\\"amount_eur\\\":25000,"
            + "\\\"applicant\\\":\\\"app-829\\\",\\\"channel\\\":\\\"web\\\"},\\\"decision\\\":{\\\"limit_eur\\\":25000,"
            + "\\\"outcome\\\":\\\"APPROVE\\\"},\\\"decision_id\\\":\\\"loan-2025-0001\\\",\\\"evidence\\\":[],"
            + "\\\"kind\\\":\\\"decision\\\",\\\"metadata\\\":null,\\\"policy\\\":{\\\"id\\\":\\\"credit-limit\\\","
            + "\\\"version\\\":\\\"7\\\"},\\\"violations\\\":[]}\"}\n"
            + "{\"type\":\"end\",\"entries\":1}\n";

    /** The example of docs/export-format.md §5: chain 'single-decision-v2' of the test vectors, line by line. */
    private static final String DOCUMENTED_EXAMPLE = "{\"type\":\"veridict-export\",\"version\":3,\"tenant_id\":\"acme\",\"from_seq\":0,\"to_seq\":0,"
            + "\"exported_at\":\"2026-03-01T12:00:00.000Z\"}\n"
            + "{\"type\":\"entry\",\"format_version\":2,\"tenant_id\":\"acme\",\"seq\":0,\"entry_id\":\"0197a3c1-7e00-7000-8000-000000000001\","
            + "\"entry_type\":\"DECISION\",\"received_at_ms\":1750000000000,\"recorded_at_ms\":1750000000004,"
            + "\"actor_key_id\":\"key_live_7Hq2\",\"correlation_id\":\"req-5f0c\",\"payload_hash\":\"ae738fc93992ea5de550d09fdbc4829e0889d7a940dd5eeabe28e9d783660014\","
            + "\"leaf_hash\":\"f8e7095016afbd0f933b0a264dcf52202d0f3792a051f287dd05c8b9fcf13e3e\",\"prev_chain_hash\":\"5c9248fd0d389479b641c0eb74c182e4f1a505bcd39bf99af0ae8761c3c9c17b\","
            + "\"chain_hash\":\"d95762f4088d364da8e6569e7a8dbe8a4a6200876c8ca2b8e50089ff2775e588\",\"payload\":\"{\\\"context\\\":{\\\"amount_eur\\\":25000,"
            + "\\\"applicant\\\":\\\"app-829\\\",\\\"channel\\\":\\\"web\\\"},\\\"decision\\\":{\\\"limit_eur\\\":25000,"
            + "\\\"outcome\\\":\\\"APPROVE\\\"},\\\"decision_id\\\":\\\"loan-2025-0001\\\",\\\"evidence\\\":[],"
            + "\\\"kind\\\":\\\"decision\\\",\\\"metadata\\\":null,\\\"policy\\\":{\\\"id\\\":\\\"credit-limit\\\","
            + "\\\"version\\\":\\\"7\\\"},\\\"violations\\\":[]}\","
            + "\"payload_salt\":\"685b7da2ae79a27f8874f5893be339063b1f07ab7f24c768db6cf31dc5d17383\"}\n"
            + "{\"type\":\"end\",\"entries\":1}\n";

    @Test
    void shouldReadBackEveryFieldAndPayloadByteThatWasWritten() throws IOException {
        List<Link> chain = TestChains.chain("zürich-ä", 5);
        byte[] file = export(new ExportHeader("zürich-ä", 0, 4, EXPORTED_AT), chain, 3);

        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(file))) {
            assertThat(reader.header()).isEqualTo(new ExportHeader("zürich-ä", 0, 4, EXPORTED_AT));
            List<ExportEntry> read = readAll(reader);
            assertThat(read).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(read.get(i).header()).isEqualTo(chain.get(i).header());
                assertThat(read.get(i).lineNumber()).isEqualTo(i + 2);
                assertThat(read.get(i).payloadOrNull()).isEqualTo(i == 3 ? null : chain.get(i).payload());
                assertThat(read.get(i).saltOrNull()).isEqualTo(i == 3 ? null : chain.get(i).salt());
            }
            assertThat(reader.lineNumber()).isEqualTo(7);
        }
    }

    @Test
    void shouldWriteTheDocumentedHeaderEntryAndEndLines() throws IOException {
        Link first = TestChains.chain("acme", 1).get(0);
        String[] lines = new String(export(new ExportHeader("acme", 0, 0, EXPORTED_AT), List.of(first), -1),
                StandardCharsets.UTF_8).split("\n", -1);

        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[0]).isEqualTo("{\"type\":\"veridict-export\",\"version\":3,\"tenant_id\":\"acme\","
                + "\"from_seq\":0,\"to_seq\":0,\"exported_at\":\"2026-03-01T12:00:00.250Z\"}");
        assertThat(lines[1]).startsWith("{\"type\":\"entry\",\"format_version\":2,\"tenant_id\":\"acme\",\"seq\":0,"
                + "\"entry_id\":\"00000000-0000-7000-8000-000000000000\",\"entry_type\":\"DECISION\","
                + "\"received_at_ms\":1750000000000,\"recorded_at_ms\":1750000000100,\"actor_key_id\":\"key_live_7Hq2\","
                + "\"correlation_id\":\"req-0\",\"payload_hash\":\"");
        JsonNode entry = JSON.readTree(lines[1]);
        assertThat(entry.get("payload").textValue().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.payload());
        assertThat(entry.get("chain_hash").textValue()).matches("[0-9a-f]{64}");
        assertThat(lines[2]).isEqualTo("{\"type\":\"end\",\"entries\":1}");
    }

    @Test
    void shouldGiveTheApiTheEntryLineWithoutItsType() throws IOException {
        Link link = TestChains.chain("acme", 1).get(0);
        ObjectNode fromAvro = ExportFormat.entryNode(Receipts.toAvro(link.header(), EntryType.DECISION), link.payload(),
                link.salt());
        String[] lines = new String(export(new ExportHeader("acme", 0, 0, EXPORTED_AT), List.of(link), -1),
                StandardCharsets.UTF_8).split("\n");

        ObjectNode line = (ObjectNode) JSON.readTree(lines[1]);
        line.remove("type");
        assertThat(JSON.writeValueAsString(fromAvro)).isEqualTo(JSON.writeValueAsString(line));
        assertThat(fromAvro.has("type")).isFalse();
        ObjectNode erased = ExportFormat.entryNode(link.header(), null, link.salt());
        assertThat(erased.get("payload").isNull()).isTrue();
        assertThat(erased.get("payload_salt").isNull()).as("no salt without its payload").isTrue();
    }

    @Test
    void shouldRefuseToWriteAnEntryOfAnotherTenantOrOutOfSeqOrder() throws IOException {
        List<Link> chain = TestChains.chain("acme", 3);
        ExportWriter writer = ExportWriter.start(new ByteArrayOutputStream(), new ExportHeader("acme", 0, 2, EXPORTED_AT));
        EntryHeader otherTenant = TestChains.chain("globex", 1).get(0).header();

        assertThatThrownBy(() -> writer.write(otherTenant, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant globex");
        assertThatThrownBy(() -> writer.write(chain.get(1).header(), null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected the entry with seq 0, got seq 1");
        writer.write(chain.get(0).header(), null, null);
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("announces 3 entries, 1 were written");
    }

    @Test
    void shouldRefuseToWriteBeyondToSeqOrAfterTheEnd() throws IOException {
        List<Link> chain = TestChains.chain("acme", 2);
        ExportWriter writer = ExportWriter.start(new ByteArrayOutputStream(), new ExportHeader("acme", 0, 0, EXPORTED_AT));
        writer.write(chain.get(0).header(), chain.get(0).payload(), chain.get(0).salt());

        assertThatThrownBy(() -> writer.write(chain.get(1).header(), null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends at seq 0");
        writer.finish();
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
    }

    @Test
    void shouldRefusePayloadBytesThatAreNotUtf8() {
        EntryHeader header = TestChains.chain("acme", 1).get(0).header();

        assertThatThrownBy(() -> ExportFormat.entryNode(header, new byte[] {'"', (byte) 0xC3, '"'}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void shouldAcceptAnEmptyRange() throws IOException {
        byte[] file = export(new ExportHeader("acme", 7, 6, EXPORTED_AT), List.of(), -1);

        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(file))) {
            assertThat(reader.header().entryCount()).isZero();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void shouldWriteTheDocumentedExampleByteForByteAndVerifyIt() throws IOException {
        byte[] golden = DOCUMENTED_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] payload = ("{\"context\":{\"amount_eur\":25000,\"applicant\":\"app-829\",\"channel\":\"web\"},"
                + "\"decision\":{\"limit_eur\":25000,\"outcome\":\"APPROVE\"},\"decision_id\":\"loan-2025-0001\","
                + "\"evidence\":[],\"kind\":\"decision\",\"metadata\":null,\"policy\":{\"id\":\"credit-limit\","
                + "\"version\":\"7\"},\"violations\":[]}").getBytes(StandardCharsets.UTF_8);
        byte[] salt = HexFormat.of().parseHex("685b7da2ae79a27f8874f5893be339063b1f07ab7f24c768db6cf31dc5d17383");
        EntryHeader header = EntryHeader.seal(2, "acme", 0, "0197a3c1-7e00-7000-8000-000000000001", "DECISION",
                1_750_000_000_000L, 1_750_000_000_004L, "key_live_7Hq2", "req-5f0c",
                LedgerHashes.saltedPayloadHash(salt, payload), LedgerHashes.genesis("acme"));

        byte[] written = export(new ExportHeader("acme", 0, 0, Instant.parse("2026-03-01T12:00:00Z")),
                List.of(new Link(header, payload, salt)), -1);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));
        ReplayReport report = ExportVerifier.verify(new ByteArrayInputStream(golden), "single-decision.ndjson",
                ReplayProgress.NONE);
        assertThat(report.verified()).isTrue();
        assertThat(HexFormat.of().formatHex(report.tenants().get(0).head().chainHash()))
                .isEqualTo("d95762f4088d364da8e6569e7a8dbe8a4a6200876c8ca2b8e50089ff2775e588");
    }

    @Test
    void shouldStillReadAndVerifyAVersion1Export() throws IOException {
        byte[] file = VERSION_1_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(file))) {
            ExportEntry entry = reader.next().orElseThrow();
            assertThat(entry.saltOrNull()).isNull();
            assertThat(entry.header().formatVersion()).isEqualTo(1);
        }
        ReplayReport report = ExportVerifier.verify(new ByteArrayInputStream(file), "single-decision.ndjson",
                ReplayProgress.NONE);
        assertThat(report.verified()).isTrue();
        assertThat(HexFormat.of().formatHex(report.tenants().get(0).head().chainHash()))
                .isEqualTo("ca9a322976aa4dcf9a76b825c5a6a84069f89ea840bdedf7b30587a958c5d43d");
        String withSalt = VERSION_1_EXAMPLE.replace("]}\"}\n{\"type\":\"end\"",
                "]}\",\"payload_salt\":null}\n{\"type\":\"end\"");
        assertThat(withSalt).isNotEqualTo(VERSION_1_EXAMPLE);
        assertThatThrownBy(() -> readAll(withSalt.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ExportFormatException.class).hasMessageContaining("unknown member \"payload_salt\"");
    }

    private static void readAll(byte[] file) throws IOException {
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(file))) {
            readAll(reader);
        }
    }

    /** Writes an export of {@code links}; the entry at {@code erasedIndex} (if any) without payload. */
    static byte[] export(ExportHeader header, List<Link> links, int erasedIndex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = ExportWriter.start(out, header);
        for (int i = 0; i < links.size(); i++) {
            writer.write(links.get(i).header(), i == erasedIndex ? null : links.get(i).payload(),
                    i == erasedIndex ? null : links.get(i).salt());
        }
        writer.finish();
        return out.toByteArray();
    }

    static List<ExportEntry> readAll(ExportReader reader) throws IOException {
        List<ExportEntry> entries = new ArrayList<>();
        for (Optional<ExportEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
            entries.add(e.get());
        }
        return entries;
    }
}
