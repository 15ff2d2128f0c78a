package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.EvidenceRef;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import io.veridict.schemas.avro.Violation;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.CanonicalJsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payloads the chain processor builds are byte for byte those of the committed test vectors
 * (chain {@code tenant-onboarding} of {@code docs/test-vectors/chains.json}), so the vectors show
 * what the service writes, not only what the format library accepts.
 */
class PayloadDocumentTest {

    private static final String ADMIN_KEY = "mzq4xk7ta2wnr5hb";
    private static final List<String> ADMIN_SCOPES = List.of("decisions:record", "decisions:read",
            "decisions:evaluate", "audit:read", "audit:verify", "keys:manage", "tenant:admin");

    @Test
    void shouldBuildTheTenantOperationPayloadOfTheVectors() throws IOException {
        TenantOperation created = new TenantOperation(TenantOperationType.CREATED, "Initech GmbH", null);
        TenantOperation suspended = new TenantOperation(TenantOperationType.SUSPENDED, "Initech GmbH",
                "invoice 2025-06 unpaid");

        assertThat(text(PayloadDocument.tenantOperation(created))).isEqualTo(vectorPayload(0));
        assertThat(text(PayloadDocument.tenantOperation(suspended))).isEqualTo(vectorPayload(4));
    }

    @Test
    void shouldLeaveTheSecretHmacOutOfTheKeyOperationPayload() throws IOException {
        byte[] hmac = new byte[32];
        hmac[0] = 0x5a;
        KeyOperation created = new KeyOperation(KeyOperationType.CREATED, ADMIN_KEY, ADMIN_SCOPES, null, null,
                ByteBuffer.wrap(hmac), null, null);

        String payload = text(PayloadDocument.keyOperation(created));

        assertThat(payload).isEqualTo(vectorPayload(1)).doesNotContain("hmac").doesNotContain("secret");
    }

    @Test
    void shouldNameTheKeysHolderOnlyWhenItHasOne() throws IOException {
        KeyOperation created = new KeyOperation(KeyOperationType.CREATED, ADMIN_KEY, ADMIN_SCOPES, null, null,
                ByteBuffer.wrap(new byte[32]), null, "alice@initech");

        String payload = text(PayloadDocument.keyOperation(created));

        assertThat(payload).startsWith("{\"expires_at\":null,\"holder\":\"alice@initech\",\"key_id\":");
        assertThat(CanonicalJson.isCanonical(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void shouldBuildTheSameDecisionPayloadAsCanonicalisingTheWholeTree() {
        List<RecordDecision> decisions = List.of(
                new RecordDecision(null, "{\"amount\":25000,\"applicant\":\"app-829\",\"channel\":\"web\"}", "\"APPROVE\"",
                        null, List.of(), null, List.of(), null, null, null),
                // the API sends canonical text; a direct producer may not
                new RecordDecision("d-1", " { \"z\" : [ 1.0 , 2e3 , \"\\u0041\\/\" ], \"a\" : { \"y\" : null, \"x\" : -0 } } ",
                        "{\"outcome\":\"DENY\",\"score\":0.25}",
                        new PolicyRef("credit-limit", "7", null),
                        List.of(new Violation("R-1", Severity.HIGH, "limit \"exceeded\"\n"),
                                new Violation("R-2", Severity.LOW, "Grüße, 😀")),
                        "{\"trace\":\"t\\u0001\",\"b\":true,\"a\":[]}",
                        List.of(new EvidenceRef("s3://bucket/a", "ab".repeat(32), "application/pdf"),
                                new EvidenceRef("https://example.test/b", null, null)), "marketing", null, null),
                new RecordDecision(null, "{}", "[1,2,3]", new PolicyRef("p", null, "sha256:00"), List.of(),
                        "{\"\u00e9\":1,\"e\":2,\"\\u0065\u0301\":3}", List.of(), null, null, null));

        for (RecordDecision decision : decisions) {
            assertThat(text(PayloadDocument.decision(decision, "assigned-id")))
                    .isEqualTo(text(CanonicalJson.canonicalize(decisionTree(decision, "assigned-id"))));
        }
    }

    @Test
    void shouldRefuseADecisionWhoseContextIsNotStrictJson() {
        RecordDecision duplicated = new RecordDecision(null, "{\"a\":1,\"a\":2}", "true", null, List.of(), null, List.of(), null, null, null);

        assertThatThrownBy(() -> PayloadDocument.decision(duplicated, "d")).isInstanceOf(CanonicalJsonException.class);
    }

    /** The payload as spec §4.1 defines it, built as a tree and canonicalised whole. */
    private static ObjectNode decisionTree(RecordDecision body, String decisionId) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode doc = json.objectNode();
        doc.put("kind", "decision");
        doc.put("decision_id", decisionId);
        doc.set("context", CanonicalJson.parseStrict(body.getContextJson()));
        doc.set("decision", CanonicalJson.parseStrict(body.getDecisionJson()));
        PolicyRef policy = body.getPolicy();
        if (policy == null) {
            doc.putNull("policy");
        } else {
            ObjectNode node = doc.putObject("policy").put("id", policy.getId());
            if (policy.getVersion() != null) {
                node.put("version", policy.getVersion());
            }
            if (policy.getHash() != null) {
                node.put("hash", policy.getHash());
            }
        }
        ArrayNode violations = doc.putArray("violations");
        body.getViolations().forEach(v -> violations.addObject().put("rule_id", v.getRuleId())
                .put("severity", v.getSeverity().name()).put("message", v.getMessage()));
        doc.set("metadata", body.getMetadataJson() == null ? json.nullNode() : CanonicalJson.parseStrict(body.getMetadataJson()));
        ArrayNode evidence = doc.putArray("evidence");
        for (EvidenceRef e : body.getEvidence()) {
            ObjectNode ref = evidence.addObject().put("uri", e.getUri());
            if (e.getSha256() != null) {
                ref.put("sha256", e.getSha256());
            }
            if (e.getMediaType() != null) {
                ref.put("media_type", e.getMediaType());
            }
        }
        if (body.getRetentionLabel() != null) {
            doc.put("retention_label", body.getRetentionLabel());
        }
        return doc;
    }

    private static String vectorPayload(int seq) throws IOException {
        JsonNode chains = new ObjectMapper().readTree(Files.readString(vectors().resolve("chains.json"),
                StandardCharsets.UTF_8)).get("chains");
        for (JsonNode chain : chains) {
            if (chain.get("name").textValue().equals("tenant-onboarding")) {
                return chain.get("entries").get(seq).get("payload").textValue();
            }
        }
        throw new AssertionError("chains.json has no chain tenant-onboarding");
    }

    private static Path vectors() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no docs/test-vectors above " + Path.of("").toAbsolutePath());
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
