package io.veridict.api.api;

import static io.veridict.api.api.Requests.decision;
import static io.veridict.api.api.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.FieldProblem;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.serde.AvroBinarySerde;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DecisionRequestTest {

    @Test
    void shouldCarryCanonicalJsonIntoTheAvroRecord() {
        DecisionRequest request = decision("{\"context\":{\"b\":1.0,\"a\":\"\\u00e9\"},\"decision\":[true, 2e0],"
                + "\"metadata\":{\"z\":null}}");

        RecordDecision record = request.toAvro();

        assertThat(record.getContextJson()).isEqualTo("{\"a\":\"é\",\"b\":1}");
        assertThat(record.getDecisionJson()).isEqualTo("[true,2]");
        assertThat(record.getMetadataJson()).isEqualTo("{\"z\":null}");
        assertThat(record.getDecisionId()).isNull();
        assertThat(record.getPolicy()).isNull();
        assertThat(record.getViolations()).isEmpty();
        assertThat(record.getEvidence()).isEmpty();
    }

    @Test
    void shouldSetEveryEnumExplicitlySoTheRecordSurvivesAvroBinary() {
        DecisionRequest request = decision("{\"context\":{},\"decision\":\"deny\",\"policy\":{\"id\":\"p\"},"
                + "\"violations\":[{\"rule_id\":\"r1\",\"severity\":\"CRITICAL\"},{\"rule_id\":\"r2\",\"severity\":\"INFO\",\"message\":\"m\"}],"
                + "\"evidence\":[{\"uri\":\"https://e.example/1\",\"media_type\":\"image/png\"}]}");

        RecordDecision copy = roundTrip(request.toAvro());

        assertThat(copy).isEqualTo(request.toAvro());
        assertThat(copy.getViolations()).extracting(v -> v.getSeverity()).containsExactly(Severity.CRITICAL, Severity.INFO);
        assertThat(copy.getViolations().get(0).getMessage()).isEqualTo("");
        assertThat(copy.getPolicy().getVersion()).isNull();
        assertThat(copy.getEvidence().get(0).getMediaType()).isEqualTo("image/png");
    }

    @Test
    void shouldAcceptAnyJsonValueButNullAsTheDecision() {
        for (String value : new String[] {"0", "\"x\"", "false", "[]", "{}", "[null]"}) {
            assertThat(decision("{\"context\":{},\"decision\":" + value + "}").decisionJson()).isEqualTo(value);
        }
    }

    @Test
    void shouldExposeTheValidatedParts() {
        DecisionRequest request = decision("{\"decision_id\":\"a.b:c-d_e\",\"context\":{},\"decision\":1,"
                + "\"policy\":{\"id\":\"p\",\"version\":\"v1\",\"hash\":null},"
                + "\"evidence\":[{\"uri\":\"urn:x\",\"sha256\":\"" + "ab".repeat(32) + "\"}]}");

        assertThat(request.decisionId()).hasValue("a.b:c-d_e");
        assertThat(request.policy()).hasValue(new DecisionRequest.Policy("p", "v1", null));
        assertThat(request.evidence()).containsExactly(new DecisionRequest.Evidence("urn:x", "ab".repeat(32), null));
        assertThat(request.metadataJson()).isEmpty();
    }

    @Test
    void shouldKeepThePayloadOutOfToString() {
        DecisionRequest request = decision("{\"context\":{\"ssn\":\"123-45-6789\"},\"decision\":\"allow\"}");

        assertThat(request.toString()).doesNotContain("123-45-6789").doesNotContain("ssn");
    }

    @Test
    void shouldReportProblemsOfATreeThatDidNotComeFromTheStrictReader() throws IOException {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"context\":{\"s\":\"\\ud800\"},\"decision\":1}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> DecisionRequest.fromJson(body));

        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).containsExactly(
                FieldProblem.of("context", "cannot be written as RFC 8785 canonical JSON (LONE_SURROGATE)"));
    }

    @Test
    void shouldCountLengthsInCodePoints() {
        String emoji = "😀".repeat(256); // 256 code points, 512 UTF-16 units

        assertThat(decision("{\"context\":{},\"decision\":1,\"policy\":{\"id\":\"" + emoji + "\"}}").policy())
                .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(emoji));
        ApiException e = catchThrowableOfType(ApiException.class, () -> DecisionRequest.fromJson(
                json("{\"context\":{},\"decision\":1,\"policy\":{\"id\":\"" + emoji + "x\"}}")));
        assertThat(e.details()).containsExactly(FieldProblem.of("policy.id", "must be at most 256 characters long"));
    }

    /** Through the project's own binary serde, which resolves only trusted generated classes. */
    private static RecordDecision roundTrip(RecordDecision record) {
        try (AvroBinarySerde<RecordDecision> serde = new AvroBinarySerde<>(RecordDecision.class)) {
            return serde.deserialize("t", serde.serialize("t", record));
        }
    }
}
