package io.veridict.api.api;

import static io.veridict.api.api.Requests.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.RecordDecision;
import org.junit.jupiter.api.Test;

/**
 * Two bodies that differ only in spelling record the same decision (the same {@code RecordDecision},
 * and so the same command fingerprint, which tells a retry from a conflict); any recorded value makes
 * them differ.
 */
class DecisionNormalisationTest {

    private static final String BASE = "{\"decision_id\":\"d-1\",\"context\":{\"user\":\"u1\",\"amount\":12.5},"
            + "\"decision\":{\"allow\":true},\"policy\":{\"id\":\"p\",\"version\":\"1\"},"
            + "\"violations\":[{\"rule_id\":\"r1\",\"severity\":\"LOW\",\"message\":\"m\"}],"
            + "\"metadata\":{\"k\":\"v\"},\"evidence\":[{\"uri\":\"urn:e:1\"}]}";

    @Test
    void shouldNotDependOnMemberOrderOrWhitespace() {
        String reordered = "{ \"evidence\" : [ { \"uri\" : \"urn:e:1\" } ],\n \"metadata\":{\"k\":\"v\"},"
                + "\t\"violations\":[{\"message\":\"m\",\"severity\":\"LOW\",\"rule_id\":\"r1\"}],"
                + "\"policy\":{\"version\":\"1\",\"id\":\"p\"},\"decision\":{\"allow\":true},"
                + "\"context\":{\"amount\":12.5,\"user\":\"u1\"},\"decision_id\":\"d-1\"}\n";

        assertThat(decision(reordered).toAvro()).isEqualTo(decision(BASE).toAvro());
        assertThat(decision(reordered)).isEqualTo(decision(BASE));
    }

    @Test
    void shouldNotDependOnHowNumbersAndStringsAreSpelled() {
        String respelled = BASE.replace("12.5", "1.250e1").replace("\"u1\"", "\"\\u0075\\u0031\"");

        assertThat(decision(respelled).toAvro()).isEqualTo(decision(BASE).toAvro());
    }

    @Test
    void shouldTreatNullOptionalFieldsAsAbsent() {
        String minimal = "{\"context\":{},\"decision\":1}";
        String withNulls = "{\"context\":{},\"decision\":1,\"decision_id\":null,\"policy\":null,\"violations\":null,"
                + "\"metadata\":null,\"evidence\":null}";
        String withEmptyLists = "{\"context\":{},\"decision\":1,\"violations\":[],\"evidence\":[]}";

        assertThat(decision(withNulls).toAvro()).isEqualTo(decision(minimal).toAvro());
        assertThat(decision(withEmptyLists).toAvro()).isEqualTo(decision(minimal).toAvro());
    }

    @Test
    void shouldTreatAnAbsentViolationMessageAsEmpty() {
        String absent = "{\"context\":{},\"decision\":1,\"violations\":[{\"rule_id\":\"r\",\"severity\":\"INFO\"}]}";
        String empty = absent.replace("\"INFO\"}", "\"INFO\",\"message\":\"\"}");

        assertThat(decision(absent).toAvro()).isEqualTo(decision(empty).toAvro());
    }

    @Test
    void shouldChangeWithAnyRecordedValue() {
        RecordDecision hash = decision(BASE).toAvro();

        assertThat(decision(BASE.replace("\"allow\":true", "\"allow\":false")).toAvro()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("d-1", "d-2")).toAvro()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("LOW", "HIGH")).toAvro()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("12.5", "12.50001")).toAvro()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace(",\"metadata\":{\"k\":\"v\"}", "")).toAvro()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("\"context\":{", "\"context\":{\"extra\":null,")).toAvro())
                .isNotEqualTo(hash);
    }

    @Test
    void shouldDistinguishAMissingDecisionIdFromAnyChosenOne() {
        String without = "{\"context\":{},\"decision\":1}";
        String with = "{\"decision_id\":\"x\",\"context\":{},\"decision\":1}";

        assertThat(decision(with).toAvro()).isNotEqualTo(decision(without).toAvro());
    }
}
