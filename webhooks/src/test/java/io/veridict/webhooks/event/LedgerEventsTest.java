package io.veridict.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.webhooks.sign.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerEventsTest {

    private static final long T0 = 1_796_000_000_000L;

    @Test
    void shouldReportAnEvaluatedDecisionByItsIdsAndResultWithoutItsContextOrDecision() {
        JsonNode payload = json("""
                {"kind":"decision","decision_id":"loan-78","context":{"applicant":"Ann Example","amount_eur":60000},
                 "decision":"APPROVE","policy":{"id":"credit-limit","version":"7","hash":"5d80"},"violations":[],
                 "metadata":{"note":"private"},"evidence":[],
                 "evaluation":{"engine":"e","policy_hash":"5d80","context_hash":"c","outcome":"DENY","errors":[],
                               "evaluation_hash":"ab12"},"override":{"reason":"committee"}}""");
        WebhookEvent event = LedgerEvents.of(header("DECISION", 4), payload).orElseThrow();

        assertThat(event.type()).isEqualTo(EventType.DECISION_RECORDED);
        JsonNode body = json(new String(event.body(), StandardCharsets.UTF_8));
        assertThat(body.get("type").asText()).isEqualTo("decision.recorded");
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-11-30T00:53:20.000Z");
        JsonNode data = body.get("data");
        assertThat(data.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(data.get("seq").asLong()).isEqualTo(4);
        assertThat(data.get("decision_id").asText()).isEqualTo("loan-78");
        assertThat(data.get("outcome").asText()).isEqualTo("DENY");
        assertThat(data.get("override").asBoolean()).isTrue();
        assertThat(data.get("payload_readable").asBoolean()).isTrue();
        assertThat(new String(event.body(), StandardCharsets.UTF_8)).doesNotContain("Ann Example", "private", "committee",
                "APPROVE", "60000");
        assertThat(event.body()).as("canonical, so every attempt signs the same bytes")
                .isEqualTo(CanonicalJson.canonicalize(event.body()));
    }

    @Test
    void shouldMapEveryOperationToItsTypeAndLeaveUnknownEntriesOut() {
        assertThat(type("KEY_OPERATION", "{\"kind\":\"key_operation\",\"operation\":\"REVOKED\",\"key_id\":\"k1\"}"))
                .isEqualTo("key.revoked");
        assertThat(type("KEY_OPERATION", "{\"kind\":\"key_operation\",\"operation\":\"EXPIRED\",\"key_id\":\"k1\"}"))
                .isEqualTo("key.expired");
        assertThat(type("TENANT_OPERATION", "{\"kind\":\"tenant_operation\",\"operation\":\"SUSPENDED\"}"))
                .isEqualTo("tenant.suspended");
        assertThat(type("RETENTION_OPERATION", "{\"kind\":\"retention_operation\",\"operation\":\"RETENTION_APPLIED\",\"erased\":3}"))
                .isEqualTo("retention.erased");
        assertThat(type("RETENTION_OPERATION", "{\"kind\":\"retention_operation\",\"operation\":\"TENANT_DELETED\",\"erased\":9}"))
                .isEqualTo("retention.erased");
        assertThat(type("RETENTION_OPERATION", "{\"kind\":\"retention_operation\",\"operation\":\"HOLD_PLACED\",\"hold_id\":\"h\"}"))
                .isEqualTo("retention.changed");
        assertThat(type("POLICY_OPERATION", "{\"kind\":\"policy_operation\",\"operation\":\"POLICY_ACTIVATED\","
                + "\"policy_id\":\"p\",\"version\":\"2\",\"policy_hash\":\"h\",\"status\":\"ACTIVE\"}")).isEqualTo("policy.activated");
        assertThat(LedgerEvents.of(header("LEGAL_HOLD", 1), json("{}"))).as("an entry type this version does not know").isEmpty();
        assertThat(LedgerEvents.of(header("KEY_OPERATION", 1), null)).as("an unreadable key operation has no known type").isEmpty();
    }

    @Test
    void shouldStillReportADecisionWhosePayloadIsErasedByItsIdentifiers() {
        WebhookEvent event = LedgerEvents.of(header("DECISION", 7), null).orElseThrow();
        assertThat(event.data().get("payload_readable").asBoolean()).isFalse();
        assertThat(event.data().has("decision_id")).isFalse();
        assertThat(event.data().get("entry_id").asText()).isEqualTo("entry-7");
    }

    @Test
    void shouldGiveOneEventTheSameMessageIdOnEveryAttemptAndAnyTwoEventsOrEndpointsDifferentOnes() {
        WebhookEvent a = LedgerEvents.of(header("DECISION", 1), json("{\"decision_id\":\"d1\"}")).orElseThrow();
        WebhookEvent again = LedgerEvents.of(header("DECISION", 1), json("{\"decision_id\":\"d1\"}")).orElseThrow();
        assertThat(LedgerEvents.messageId("ep_1", a)).isEqualTo(LedgerEvents.messageId("ep_1", again))
                .matches(WebhookSigner.MESSAGE_ID);
        Set<String> ids = new HashSet<>();
        for (long seq = 0; seq < 200; seq++) {
            WebhookEvent event = LedgerEvents.of(header("DECISION", seq), null).orElseThrow();
            ids.add(LedgerEvents.messageId("ep_1", event));
            ids.add(LedgerEvents.messageId("ep_2", event));
        }
        ids.add(LedgerEvents.messageId("ep_1", LedgerEvents.checkpointSigned("acme", 1, "note", Instant.EPOCH)));
        assertThat(ids).hasSize(401);
    }

    @Test
    void shouldReportASignedCheckpointWithItsNote() {
        WebhookEvent event = LedgerEvents.checkpointSigned("acme", 12, "veridict/acme\n12\nroot\n\n— sig\n",
                Instant.parse("2026-12-08T00:00:00Z"));
        JsonNode body = json(new String(event.body(), StandardCharsets.UTF_8));
        assertThat(body.get("type").asText()).isEqualTo("checkpoint.signed");
        assertThat(body.get("data").get("tree_size").asLong()).isEqualTo(12);
        assertThat(body.get("data").get("checkpoint").asText()).startsWith("veridict/acme\n12\n");
    }

    private static String type(String entryType, String payload) {
        return LedgerEvents.of(header(entryType, 3), json(payload)).orElseThrow().type().wireName();
    }

    private static EntryHeader header(String entryType, long seq) {
        byte[] payloadHash = LedgerHashes.saltedPayloadHash(new byte[32], "{}".getBytes(StandardCharsets.UTF_8));
        return EntryHeader.seal(LedgerFormat.CURRENT_VERSION, "acme", seq, "entry-" + seq, entryType, T0, T0,
                null, "corr", payloadHash, LedgerHashes.genesis("acme"));
    }

    private static JsonNode json(String text) {
        return CanonicalJson.parseStrict(text);
    }
}
