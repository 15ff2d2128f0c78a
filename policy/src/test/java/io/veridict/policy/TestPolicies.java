package io.veridict.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds policy documents and contexts for tests. */
final class TestPolicies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestPolicies() {
    }

    /** A rule of severity HIGH whose message is "rule " + id. */
    static ObjectNode rule(String id, String condition) {
        return rule(id, "HIGH", condition);
    }

    static ObjectNode rule(String id, String severity, String condition) {
        return NODES.objectNode().put("id", id).put("severity", severity).put("message", "rule " + id)
                .put("condition", condition);
    }

    /** A first_match policy; each rule's outcome is "DENY" unless it has one. */
    static ObjectNode firstMatch(ObjectNode... rules) {
        ObjectNode policy = document();
        policy.putObject("outcome").put("mode", "first_match").put("default", "APPROVE");
        ArrayNode list = policy.putArray("rules");
        for (ObjectNode rule : rules) {
            if (!rule.has("outcome")) {
                rule.put("outcome", "DENY");
            }
            list.add(rule);
        }
        return policy;
    }

    /** An all_violations policy: CRITICAL and HIGH deny, MEDIUM reviews, LOW and INFO approve. */
    static ObjectNode allViolations(ObjectNode... rules) {
        ObjectNode policy = document();
        policy.putObject("outcome").put("mode", "all_violations").put("default", "APPROVE").putObject("by_severity")
                .put("CRITICAL", "DENY").put("HIGH", "DENY").put("MEDIUM", "REVIEW").put("LOW", "APPROVE")
                .put("INFO", "APPROVE");
        policy.putArray("rules").addAll(Arrays.asList(rules));
        return policy;
    }

    static CompiledPolicy compile(ObjectNode policy) {
        return PolicyCompiler.compile(PolicyDocument.parse(policy));
    }

    /** A context from JSON text, read under the strict input rules. */
    static JsonNode context(String json) {
        return CanonicalJson.parseStrict(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode document() {
        return NODES.objectNode().put("policy_id", "test-policy").put("version", "1");
    }
}
