package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the library against the committed files in {@code docs/test-vectors/}, as a third party would. */
class TestVectorsTest {

    private static final Path DIR = TestVectorGenerator.locate();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void committedFilesAreExactlyWhatTheGeneratorRenders() throws IOException {
        for (Map.Entry<String, String> file : TestVectorGenerator.render().entrySet()) {
            assertThat(Files.readString(DIR.resolve(file.getKey()), StandardCharsets.UTF_8))
                    .as("%s is stale: re-run TestVectorGenerator", file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void canonicalJsonVectorsHold() throws IOException {
        JsonNode vectors = read("canonical-json.json");
        assertThat(vectors.get("valid").size()).isGreaterThan(20);
        for (JsonNode v : vectors.get("valid")) {
            byte[] canonical = v.get("canonical").textValue().getBytes(StandardCharsets.UTF_8);
            assertThat(HEX.formatHex(canonical)).isEqualTo(v.get("canonical_hex").textValue());
            assertThat(CanonicalJson.canonicalize(v.get("input").textValue().getBytes(StandardCharsets.UTF_8)))
                    .as(v.get("name").textValue()).isEqualTo(canonical);
            assertThat(CanonicalJson.isCanonical(canonical)).isTrue();
        }
        for (JsonNode v : vectors.get("invalid")) {
            byte[] input = v.has("input_hex") ? HEX.parseHex(v.get("input_hex").textValue())
                    : v.get("input").textValue().getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> CanonicalJson.canonicalize(input)).as(v.get("name").textValue())
                    .isInstanceOfSatisfying(CanonicalJsonException.class,
                            e -> assertThat(e.reason().name()).isEqualTo(v.get("reason").textValue()));
        }
    }

    @Test
    void chainVectorsRecomputeAndVerify() throws IOException {
        for (JsonNode chain : read("chains.json").get("chains")) {
            String tenant = chain.get("tenant_id").textValue();
            assertThat(HEX.formatHex(LedgerHashes.genesis(tenant))).isEqualTo(chain.get("genesis").textValue());
            List<ChainEntry> entries = new ArrayList<>();
            for (JsonNode json : chain.get("entries")) {
                ChainEntry entry = VectorEntries.fromJson(json);
                assertThat(HEX.formatHex(LedgerHashes.leafBytes(entry.header()))).isEqualTo(json.get("leaf_bytes").textValue());
                if (!entry.erased()) {
                    assertThat(CanonicalJson.isCanonical(entry.payloadOrNull())).isTrue();
                    assertThat(LedgerHashes.payloadHash(entry.header().formatVersion(), entry.payloadOrNull(),
                            entry.saltOrNull())).isEqualTo(entry.header().payloadHash());
                }
                entries.add(entry);
            }
            ChainVerification result = ChainVectors.verify(tenant, entries);
            JsonNode expected = chain.get("expected");
            ChainHead head = result.requireValid();
            assertThat(result.entriesChecked()).isEqualTo(expected.get("entries_checked").longValue());
            assertThat(result.erasedPayloads()).isEqualTo(expected.get("erased_payloads").longValue());
            assertThat(result.payloads().erasures()).extracting(e -> e.seq() + " " + e.operation() + " " + e.erased())
                    .containsExactlyElementsOf(expected.get("erasures").valueStream().map(e -> e.get("seq").longValue()
                            + " " + e.get("operation").textValue() + " " + e.get("erased").longValue()).toList());
            assertThat(result.payloads().unaccounted()).isZero();
            assertThat(head.lastSeq()).isEqualTo(expected.get("head_seq").longValue());
            assertThat(HEX.formatHex(head.chainHash())).isEqualTo(expected.get("head_chain_hash").textValue());
            assertThat(head.size()).isEqualTo(expected.get("merkle_size").longValue());
            assertThat(HEX.formatHex(head.merkleRoot().orElseThrow())).isEqualTo(expected.get("merkle_root").textValue());
            assertThat(MerkleFrontier.parse(HEX.parseHex(expected.get("frontier").textValue())))
                    .isEqualTo(head.frontierOrNull());
        }
    }

    @Test
    void everyTamperingVectorFailsAsExpected() throws IOException {
        JsonNode vectors = read("tampering.json").get("vectors");
        assertThat(vectors.size()).isGreaterThanOrEqualTo(ChainFailure.Kind.values().length);
        List<String> kindsSeen = new ArrayList<>();
        for (JsonNode vector : vectors) {
            List<ChainEntry> entries = new ArrayList<>();
            vector.get("entries").forEach(json -> entries.add(VectorEntries.fromJson(json)));
            ChainVerification result = ChainVectors.verify(vector.get("tenant_id").textValue(), entries);
            JsonNode expected = vector.get("expected");
            ChainFailure failure = result.failure().orElseThrow();
            String name = vector.get("name").textValue();
            assertThat(failure.kind().name()).as(name).isEqualTo(expected.get("kind").textValue());
            assertThat(failure.seq()).as(name).isEqualTo(expected.get("seq").longValue());
            assertThat(failure.position()).as(name).isEqualTo(expected.get("position").longValue());
            assertThat(failure.expected()).as(name).isEqualTo(expected.get("expected").textValue());
            assertThat(failure.actual()).as(name).isEqualTo(expected.get("actual").textValue());
            assertThat(result.entriesChecked()).as(name).isEqualTo(expected.get("entries_checked").longValue());
            kindsSeen.add(failure.kind().name());
        }
        for (ChainFailure.Kind kind : ChainFailure.Kind.values()) {
            assertThat(kindsSeen).as("a vector for every kind").contains(kind.name());
        }
    }

    @Test
    void entriesRecordVectorsDecodeWithAStockAvroReaderAndTheirWriterSchema() throws IOException {
        JsonNode vectors = read("entries-records.json");
        assertThat(vectors.get("valid").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode v : vectors.get("valid")) {
            List<org.apache.avro.generic.GenericRecord> headers = decodeEntriesValue(v);
            JsonNode expected = v.get("headers");
            assertThat(headers).as(v.get("name").textValue()).hasSize(expected.size());
            for (int i = 0; i < headers.size(); i++) {
                org.apache.avro.generic.GenericRecord h = headers.get(i);
                JsonNode e = expected.get(i);
                EntryHeader header = new EntryHeader((Integer) h.get("format_version"), h.get("tenant_id").toString(),
                        (Long) h.get("seq"), h.get("entry_id").toString(), h.get("entry_type").toString(),
                        (Long) h.get("received_at"), (Long) h.get("recorded_at"),
                        h.get("actor_key_id") == null ? null : h.get("actor_key_id").toString(), h.get("correlation_id").toString(),
                        fixed(h, "payload_hash"), fixed(h, "leaf_hash"), fixed(h, "prev_chain_hash"), fixed(h, "chain_hash"));
                assertThat(header.seq()).isEqualTo(e.get("seq").longValue());
                assertThat(header.entryId()).isEqualTo(e.get("entry_id").textValue());
                assertThat(HEX.formatHex(header.leafHash())).isEqualTo(e.get("leaf_hash").textValue())
                        .isEqualTo(HEX.formatHex(LedgerHashes.leafHash(header)));
                assertThat(HEX.formatHex(header.chainHash())).isEqualTo(e.get("chain_hash").textValue());
            }
        }
        for (JsonNode v : vectors.get("invalid")) {
            assertThatThrownBy(() -> decodeEntriesValue(v)).as(v.get("name").textValue()).isInstanceOf(Exception.class);
        }
    }

    /** What a reader written from spec §14 does: decode with the writer schema, then one header or each of a run's. */
    private static List<org.apache.avro.generic.GenericRecord> decodeEntriesValue(JsonNode vector) throws IOException {
        org.apache.avro.Schema writer = new org.apache.avro.Schema.Parser().parse(vector.get("writer_schema").textValue());
        byte[] value = HEX.parseHex(vector.get("value_hex").textValue());
        assertThat(value[0]).isZero();
        org.apache.avro.io.BinaryDecoder decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(value, 5,
                value.length - 5, null);
        org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericDatumReader<
                org.apache.avro.generic.GenericRecord>(writer).read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IOException("trailing bytes");
        }
        if (record.getSchema().getField("entries") == null) {
            return List.of(record);
        }
        List<org.apache.avro.generic.GenericRecord> headers = new ArrayList<>();
        for (Object entry : (List<?>) record.get("entries")) {
            headers.add((org.apache.avro.generic.GenericRecord) ((org.apache.avro.generic.GenericRecord) entry).get("header"));
        }
        if (headers.isEmpty()) {
            throw new IOException("a run of no entries");
        }
        return headers;
    }

    private static byte[] fixed(org.apache.avro.generic.GenericRecord record, String field) {
        return ((org.apache.avro.generic.GenericFixed) record.get(field)).bytes();
    }

    @Test
    void merkleVectorsHold() throws IOException {
        JsonNode vectors = read("merkle.json");
        List<byte[]> leaves = hashes(vectors.get("leaf_hashes"));
        assertThat(leaves).hasSize(MerkleVectors.LEAVES);
        for (JsonNode tree : vectors.get("trees")) {
            List<byte[]> prefix = leaves.subList(0, tree.get("size").intValue());
            assertThat(HEX.formatHex(NaiveMerkle.mth(prefix))).isEqualTo(tree.get("root").textValue());
            MerkleFrontier frontier = MerkleFrontier.parse(HEX.parseHex(tree.get("frontier").textValue()));
            assertThat(HEX.formatHex(frontier.root())).isEqualTo(tree.get("root").textValue());
        }
        for (JsonNode p : vectors.get("inclusion_proofs")) {
            assertThatCode(() -> verifyInclusion(p)).doesNotThrowAnyException();
        }
        for (JsonNode p : vectors.get("consistency_proofs")) {
            assertThatCode(() -> verifyConsistency(p)).doesNotThrowAnyException();
        }
        for (JsonNode p : vectors.get("invalid_inclusion_proofs")) {
            assertThatThrownBy(() -> verifyInclusion(p)).as(p.get("why").textValue()).isInstanceOf(MerkleProofException.class);
        }
        for (JsonNode p : vectors.get("invalid_consistency_proofs")) {
            assertThatThrownBy(() -> verifyConsistency(p)).as(p.get("why").textValue()).isInstanceOf(MerkleProofException.class);
        }
    }

    private static void verifyInclusion(JsonNode p) {
        InclusionProofVerifier.verify(p.get("index").longValue(), p.get("size").longValue(),
                HEX.parseHex(p.get("leaf_hash").textValue()), hashes(p.get("path")), HEX.parseHex(p.get("root").textValue()));
    }

    private static void verifyConsistency(JsonNode p) {
        ConsistencyProofVerifier.verify(p.get("old_size").longValue(), p.get("new_size").longValue(),
                HEX.parseHex(p.get("old_root").textValue()), HEX.parseHex(p.get("new_root").textValue()),
                hashes(p.get("proof")));
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(HEX.parseHex(h.textValue())));
        return hashes;
    }

    private static JsonNode read(String file) throws IOException {
        return new ObjectMapper().readTree(Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
    }
}
