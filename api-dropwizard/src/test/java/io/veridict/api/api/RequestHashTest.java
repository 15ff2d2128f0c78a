package io.veridict.api.api;

import static io.veridict.api.api.Requests.decision;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request hash tells "same key, same body" from "same key, different body". */
class RequestHashTest {

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

        assertThat(decision(reordered).requestHash()).isEqualTo(decision(BASE).requestHash());
        assertThat(decision(reordered)).isEqualTo(decision(BASE));
    }

    @Test
    void shouldNotDependOnHowNumbersAndStringsAreSpelled() {
        String respelled = BASE.replace("12.5", "1.250e1").replace("\"u1\"", "\"\\u0075\\u0031\"");

        assertThat(decision(respelled).requestHash()).isEqualTo(decision(BASE).requestHash());
    }

    @Test
    void shouldTreatNullOptionalFieldsAsAbsent() {
        String minimal = "{\"context\":{},\"decision\":1}";
        String withNulls = "{\"context\":{},\"decision\":1,\"decision_id\":null,\"policy\":null,\"violations\":null,"
                + "\"metadata\":null,\"evidence\":null}";
        String withEmptyLists = "{\"context\":{},\"decision\":1,\"violations\":[],\"evidence\":[]}";

        assertThat(decision(withNulls).requestHash()).isEqualTo(decision(minimal).requestHash());
        assertThat(decision(withEmptyLists).requestHash()).isEqualTo(decision(minimal).requestHash());
    }

    @Test
    void shouldTreatAnAbsentViolationMessageAsEmpty() {
        String absent = "{\"context\":{},\"decision\":1,\"violations\":[{\"rule_id\":\"r\",\"severity\":\"INFO\"}]}";
        String empty = absent.replace("\"INFO\"}", "\"INFO\",\"message\":\"\"}");

        assertThat(decision(absent).requestHash()).isEqualTo(decision(empty).requestHash());
    }

    @Test
    void shouldChangeWithAnyRecordedValue() {
        String hash = decision(BASE).requestHash();

        assertThat(decision(BASE.replace("\"allow\":true", "\"allow\":false")).requestHash()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("d-1", "d-2")).requestHash()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("LOW", "HIGH")).requestHash()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("12.5", "12.50001")).requestHash()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace(",\"metadata\":{\"k\":\"v\"}", "")).requestHash()).isNotEqualTo(hash);
        assertThat(decision(BASE.replace("\"context\":{", "\"context\":{\"extra\":null,")).requestHash())
                .isNotEqualTo(hash);
    }

    @Test
    void shouldDistinguishAMissingDecisionIdFromAnyChosenOne() {
        String without = "{\"context\":{},\"decision\":1}";
        String with = "{\"decision_id\":\"x\",\"context\":{},\"decision\":1}";

        assertThat(decision(with).requestHash()).isNotEqualTo(decision(without).requestHash());
    }

    @Test
    void shouldBeTheSha256OfTheCanonicalNormalisedRequest() {
        // sha256('{"context":{},"decision":"allow"}'), computed independently
        assertThat(decision("{\"decision\":\"allow\",\"context\":{}}").requestHash())
                .isEqualTo("eb0675e634cd86789a08e52a8aefce654095217644e323325d937526c7c0ca62");
    }
}
