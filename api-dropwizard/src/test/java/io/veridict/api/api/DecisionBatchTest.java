package io.veridict.api.api;

import static io.veridict.api.api.Requests.batchJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.FieldProblem;
import org.junit.jupiter.api.Test;

class DecisionBatchTest {

    private static final String VALID = "{\"context\":{\"n\":%d},\"decision\":\"allow\"}";

    @Test
    void shouldAcceptEveryValidItemInOrder() {
        DecisionBatch batch = DecisionBatch.fromJson(batchJson(batch(3)), 500, 2000);

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.decisions()).extracting(DecisionRequest::contextJson)
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void shouldRefuseAnEmptyBatch() {
        ApiException e = refused("{\"decisions\":[]}", 500);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("BATCH_EMPTY");
        assertThat(e.getMessage()).isEqualTo("the batch holds no decisions");
    }

    @Test
    void shouldRefuseMoreItemsThanTheBatchSize() {
        ApiException e = refused(batch(4), 3);

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("BATCH_TOO_LARGE");
        assertThat(e.getMessage()).isEqualTo("the batch holds 4 decisions; at most 3 are allowed");
    }

    @Test
    void shouldAcceptExactlyTheBatchSize() {
        assertThat(DecisionBatch.fromJson(batchJson(batch(3)), 3, 2000).size()).isEqualTo(3);
    }

    @Test
    void shouldRefuseTheWholeBatchListingEveryInvalidItemByIndex() {
        String body = "{\"decisions\":[" + String.format(VALID, 0) + ","
                + "{\"context\":{},\"decision\":1,\"policy\":{}},"
                + String.format(VALID, 2) + ","
                + "{\"decision\":null,\"violations\":[{\"rule_id\":\"r\",\"severity\":\"NOPE\"}]},"
                + "\"not an object\"]}";

        ApiException e = refused(body, 500);

        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.getMessage()).isEqualTo("the batch has 5 problems");
        assertThat(e.details()).containsExactly(
                FieldProblem.of("decisions[1].policy.id", "is required"),
                FieldProblem.of("decisions[3].context", "is required"),
                FieldProblem.of("decisions[3].decision", "must not be null"),
                FieldProblem.of("decisions[3].violations[0].severity", "must be one of INFO, LOW, MEDIUM, HIGH, CRITICAL"),
                FieldProblem.of("decisions[4]", "must be a JSON object, not a string"));
    }

    @Test
    void shouldHoldEachItemToThePerRequestMemberLimit() {
        String big = "{\"context\":{\"a\":1,\"b\":2,\"c\":3},\"decision\":\"allow\"}"; // 5 members

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> DecisionBatch.fromJson(batchJson("{\"decisions\":[" + String.format(VALID, 0) + "," + big + "]}"), 10, 4));

        assertThat(e.code()).isEqualTo("TOO_MANY_FIELDS");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("decisions[1] has more than 4 object members");
        assertThat(e.details()).containsExactly(
                FieldProblem.of("decisions[1]", "has 5 object members; one decision may have at most 4"));
    }

    @Test
    void shouldRefuseABatchWithoutDecisionsOrWithOtherMembers() {
        ApiException missing = refused("{}", 500);
        ApiException wrong = refused("{\"decisions\":{},\"dry_run\":true}", 500);

        assertThat(missing.details()).containsExactly(FieldProblem.of("decisions", "is required"));
        assertThat(wrong.details()).containsExactly(FieldProblem.of("dry_run", "unknown field"),
                FieldProblem.of("decisions", "must be an array, not an object"));
    }

    @Test
    void shouldCountMembersAtEveryDepth() {
        assertThat(DecisionBatch.countMembers(Requests.json("{\"a\":{\"b\":[{\"c\":1},{\"d\":{}}]},\"e\":[]}")))
                .isEqualTo(5);
    }

    private static ApiException refused(String body, int maxBatchSize) {
        return catchThrowableOfType(ApiException.class,
                () -> DecisionBatch.fromJson(batchJson(body), maxBatchSize, 2000));
    }

    private static String batch(int size) {
        StringBuilder body = new StringBuilder("{\"decisions\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(String.format(VALID, i));
        }
        return body.append("]}").toString();
    }
}
