package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReplayReportJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCarryTheSameFactsUnderStableNames() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(ReplayReportJson.toJson(ReportFixtures.failed())));

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("verified", "source", "summary", "tenants", "failures", "orphan_payloads", "checkpoint");
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("checkpoint").isNull()).as("no --since").isTrue();
        assertThat(json.get("summary").toString()).isEqualTo("{\"tenants\":2,\"entries_read\":7,\"entries_verified\":5,"
                + "\"erased_payloads\":1,\"encrypted_payloads\":0,\"orphan_payloads\":1,\"failures\":2,"
                + "\"checkpoints_read\":null,\"checkpoints_held\":null,"
                + "\"elapsed_ms\":500,\"entries_per_second\":14}");
        JsonNode acme = json.get("tenants").get(0);
        assertThat(acme.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(acme.get("verified").asBoolean()).isTrue();
        assertThat(acme.get("head").get("size").asLong()).isEqualTo(3);
        assertThat(acme.get("head").get("last_seq").asLong()).isEqualTo(2);
        assertThat(acme.get("head").get("merkle_root").asText())
                .isEqualTo(HexFormat.of().formatHex(ReportFixtures.head("acme", 3).merkleRoot().orElseThrow()));
        assertThat(json.get("tenants").get(1).get("head").get("merkle_root").isNull()).isTrue();
        assertThat(json.get("failures").get(0).toString()).isEqualTo("{\"kind\":\"PAYLOAD_HASH_MISMATCH\","
                + "\"tenant_id\":\"globex\",\"seq\":2,\"topic\":\"veridict.payloads\",\"partition\":1,\"offset\":41,"
                + "\"file\":null,\"line\":null,\"expected\":\"" + ReportFixtures.EXPECTED + "\",\"actual\":\""
                + ReportFixtures.ACTUAL + "\",\"detail\":\"SHA-256 of the payload differs\"}");
        assertThat(json.get("failures").get(1).get("tenant_id").isNull()).isTrue();
        assertThat(json.get("failures").get(1).get("seq").isNull()).isTrue();
        assertThat(json.get("orphan_payloads").get(0).toString()).isEqualTo("{\"tenant_id\":\"acme\",\"seq\":3,"
                + "\"topic\":\"veridict.payloads\",\"partition\":0,\"offset\":12,\"file\":null,\"line\":null,"
                + "\"payload_hash\":\"" + ReportFixtures.ACTUAL + "\",\"detail\":\"no entry\"}");
    }

    @Test
    void shouldLocateFileFailuresByLine() {
        JsonNode failure = ReplayReportJson.toJson(ReportFixtures.malformedFile()).get("failures").get(0);

        assertThat(failure.get("file").asText()).isEqualTo("export.ndjson");
        assertThat(failure.get("line").asLong()).isEqualTo(5);
        assertThat(failure.get("topic").isNull()).isTrue();
        assertThat(failure.get("offset").isNull()).isTrue();
    }
}
