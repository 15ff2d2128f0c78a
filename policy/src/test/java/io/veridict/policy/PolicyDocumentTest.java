package io.veridict.policy;

import static io.veridict.policy.TestPolicies.allViolations;
import static io.veridict.policy.TestPolicies.firstMatch;
import static io.veridict.policy.TestPolicies.rule;
import static io.veridict.policy.TestPolicies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJson;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    private static final String TEXT = """
            {
              "policy_id": "credit-limit",
              "version": "7",
              "description": "Limits for consumer credit",
              "outcome": {"mode": "first_match", "default": "APPROVE"},
              "rules": [
                {"id": "amount-too-high", "severity": "HIGH", "message": "amount over 50000",
                 "condition": "ctx.amount_eur > 50000", "outcome": "DENY"},
                {"id": "new-customer", "severity": "MEDIUM", "message": "customer for less than 30 days",
                 "condition": "ctx.customer_days < 30", "outcome": "REVIEW"}
              ]
            }
            """;

    @Test
    void parsesAValidDocument() {
        PolicyDocument document = PolicyDocument.parse(utf8(TEXT));

        assertThat(document.policyId()).isEqualTo("credit-limit");
        assertThat(document.version()).isEqualTo("7");
        assertThat(document.description()).isEqualTo("Limits for consumer credit");
        assertThat(document.outcome().mode()).isEqualTo(OutcomeMode.FIRST_MATCH);
        assertThat(document.outcome().defaultOutcome()).isEqualTo("APPROVE");
        assertThat(document.outcome().bySeverity()).isEmpty();
        assertThat(document.rules()).containsExactly(
                new Rule("amount-too-high", Severity.HIGH, "amount over 50000", "ctx.amount_eur > 50000", "DENY"),
                new Rule("new-customer", Severity.MEDIUM, "customer for less than 30 days", "ctx.customer_days < 30",
                        "REVIEW"));
    }

    @Test
    void hashIsTheSha256OfTheCanonicalJson() throws Exception {
        PolicyDocument document = PolicyDocument.parse(utf8(TEXT));
        byte[] canonical = CanonicalJson.canonicalize(utf8(TEXT));

        assertThat(document.canonicalJson()).isEqualTo(canonical);
        assertThat(document.hash())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIgnoresWhitespaceAndMemberOrderButNotContent() {
        String reordered = """
                {"rules": [
                  {"outcome": "DENY", "condition": "ctx.amount_eur > 50000", "message": "amount over 50000",
                   "severity": "HIGH", "id": "amount-too-high"},
                  {"condition": "ctx.customer_days < 30", "id": "new-customer", "severity": "MEDIUM",
                   "outcome": "REVIEW", "message": "customer for less than 30 days"}],
                 "outcome": {"default": "APPROVE", "mode": "first_match"},
                 "description": "Limits for consumer credit", "version": "7", "policy_id": "credit-limit"}
                """;
        String changed = TEXT.replace("50000\"", "50001\"");

        assertThat(PolicyDocument.parse(utf8(reordered)).hash()).isEqualTo(PolicyDocument.parse(utf8(TEXT)).hash());
        assertThat(PolicyDocument.parse(utf8(reordered))).isEqualTo(PolicyDocument.parse(utf8(TEXT)));
        assertThat(PolicyDocument.parse(utf8(changed)).hash()).isNotEqualTo(PolicyDocument.parse(utf8(TEXT)).hash());
    }

    @Test
    void parsesAnAllViolationsDocument() {
        PolicyDocument document = PolicyDocument.parse(allViolations(rule("a", "LOW", "true")));

        assertThat(document.outcome().mode()).isEqualTo(OutcomeMode.ALL_VIOLATIONS);
        assertThat(document.outcome().bySeverity()).containsEntry(Severity.CRITICAL, "DENY")
                .containsEntry(Severity.LOW, "APPROVE").hasSize(5);
        assertThat(document.rules().get(0).outcome()).isNull();
    }

    @Test
    void refusesTextThatIsNotStrictJson() {
        assertInvalid(utf8("{\"policy_id\": \"a\", \"policy_id\": \"b\"}"), null, "not valid JSON");
        assertInvalid(utf8("[]"), null, "must be a JSON object");
        assertInvalid(utf8("{} x"), null, "not valid JSON");
        assertInvalid(new byte[PolicyLimits.MAX_DOCUMENT_BYTES + 1], null, "longer than");
    }

    @Test
    void refusesUnknownMembersAtEveryLevel() {
        assertInvalid(edit(p -> p.put("author", "x")), null, "unknown member \"author\"");
        assertInvalid(edit(p -> member(p, "outcome").put("fallback", "x")), null, "unknown member \"fallback\"");
        assertInvalid(edit(p -> rule0(p).put("priority", 1)), "a", "unknown member \"priority\"");
    }

    @Test
    void refusesMissingOrMistypedMembers() {
        assertInvalid(edit(p -> p.remove("policy_id")), null, "policy_id is required");
        assertInvalid(edit(p -> p.remove("version")), null, "version is required");
        assertInvalid(edit(p -> p.put("version", 7)), null, "version must be a string");
        assertInvalid(edit(p -> p.remove("outcome")), null, "outcome is required");
        assertInvalid(edit(p -> p.remove("rules")), null, "rules is required");
        assertInvalid(edit(p -> p.putObject("rules")), null, "rules must be an array");
        assertInvalid(edit(p -> p.putArray("rules")), null, "1 to 200 rules");
        assertInvalid(edit(p -> member(p, "outcome").put("mode", "majority")), null, "first_match or all_violations");
        assertInvalid(edit(p -> rule0(p).remove("condition")), "a", "rules[0].condition is required");
        assertInvalid(edit(p -> rule0(p).put("message", "")), "a", "rules[0].message must not be empty");
        assertInvalid(edit(p -> rule0(p).put("severity", "high")), "a", "not one of INFO");
        assertInvalid(edit(p -> rule0(p).put("severity", "UNKNOWN")), "a", "not one of INFO");
        assertInvalid(edit(p -> ((ArrayNode) p.get("rules")).set(0, p.textNode("rule"))), null,
                "rules[0] must be a JSON object");
    }

    @Test
    void refusesMalformedIdsVersionsAndOutcomes() {
        assertInvalid(edit(p -> p.put("policy_id", "-leading-dash")), null, "policy_id must match");
        assertInvalid(edit(p -> p.put("policy_id", "has space")), null, "policy_id must match");
        assertInvalid(edit(p -> p.put("policy_id", "x".repeat(129))), null, "policy_id must match");
        assertInvalid(edit(p -> p.put("version", "7/8")), null, "version must match");
        assertInvalid(edit(p -> rule0(p).put("id", "ré")), null, "rules[0].id must match");
        assertInvalid(edit(p -> rule0(p).put("outcome", "1DENY")), "a", "rules[0].outcome must match");
        assertInvalid(edit(p -> member(p, "outcome").put("default", "error")), null, "reserves ERROR");
        assertInvalid(edit(p -> rule0(p).put("outcome", "ERROR")), "a", "reserves ERROR");

        PolicyDocument longest = PolicyDocument.parse(edit(p -> p.put("policy_id", "p".repeat(128))));
        assertThat(longest.policyId()).hasSize(128);
    }

    @Test
    void refusesDuplicateRuleIdsNamingTheId() {
        assertInvalid(firstMatch(rule("a", "true"), rule("b", "true"), rule("a", "false")), "a", "two rules have the id a");
    }

    @Test
    void holdsTheLimits() {
        ObjectNode[] many = new ObjectNode[PolicyLimits.MAX_RULES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = rule("r" + i, "true");
        }
        assertInvalid(firstMatch(many), null, "1 to 200 rules, not 201");
        assertThat(PolicyDocument.parse(firstMatch(Arrays.copyOf(many, PolicyLimits.MAX_RULES))).rules())
                .hasSize(PolicyLimits.MAX_RULES);

        String longest = "true" + " ".repeat(PolicyLimits.MAX_CONDITION_CODE_POINTS - 4);
        assertThat(PolicyDocument.parse(firstMatch(rule("a", longest))).rules()).hasSize(1);
        assertInvalid(firstMatch(rule("a", longest + " ")), "a", "rules[0].condition is longer than 4096 code points");
        // limits count code points, not UTF-16 units: 1024 emoji are 2048 chars but within the limit
        assertThat(PolicyDocument.parse(edit(p -> rule0(p).put("message", "😀".repeat(1024)))).rules()).hasSize(1);
        assertInvalid(edit(p -> rule0(p).put("message", "😀".repeat(1025))), "a", "longer than 1024");
        assertInvalid(edit(p -> p.put("description", "d".repeat(4097))), null, "description is longer than 4096");
    }

    @Test
    void tiesOutcomesToTheMode() {
        assertInvalid(edit(p -> rule0(p).remove("outcome")), "a", "outcome is required in the first_match mode");
        assertInvalid(edit(p -> member(p, "outcome").putObject("by_severity").put("HIGH", "DENY")), null,
                "by_severity is only for the all_violations mode");
        ObjectNode noBySeverity = allViolations(rule("a", "true"));
        member(noBySeverity, "outcome").remove("by_severity");
        assertInvalid(noBySeverity, null, "by_severity is required");
        ObjectNode withOutcome = rule("a", "true");
        withOutcome.put("outcome", "DENY");
        assertInvalid(allViolations(withOutcome), "a", "only for the first_match mode");
        ObjectNode noLow = allViolations(rule("a", "LOW", "true"));
        member(member(noLow, "outcome"), "by_severity").remove("LOW");
        assertInvalid(noLow, "a", "no outcome for LOW");
        ObjectNode unknownSeverity = allViolations(rule("a", "true"));
        member(member(unknownSeverity, "outcome"), "by_severity").put("SEVERE", "DENY");
        assertInvalid(unknownSeverity, null, "not one of INFO");
    }

    private static ObjectNode edit(Consumer<ObjectNode> change) {
        ObjectNode policy = firstMatch(rule("a", "ctx.x > 1"));
        change.accept(policy);
        return policy;
    }

    private static ObjectNode member(ObjectNode node, String name) {
        return (ObjectNode) node.get(name);
    }

    private static ObjectNode rule0(ObjectNode policy) {
        return (ObjectNode) policy.get("rules").get(0);
    }

    private static void assertInvalid(ObjectNode policy, String ruleId, String message) {
        assertInvalid(() -> PolicyDocument.parse(policy), ruleId, message);
    }

    private static void assertInvalid(byte[] policy, String ruleId, String message) {
        assertInvalid(() -> PolicyDocument.parse(policy), ruleId, message);
    }

    private static void assertInvalid(ThrowingCallable parse, String ruleId, String message) {
        assertThatThrownBy(parse)
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.code()).isEqualTo(PolicyErrorCode.POLICY_INVALID);
                    assertThat(e.ruleId()).isEqualTo(ruleId);
                })
                .hasMessageContaining(message);
    }
}
