package io.veridict.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.EngineVersion;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.policy.PolicyException;
import io.veridict.policy.RuleError;
import io.veridict.policy.Violation;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.verifier.ExportEntry;
import io.veridict.verifier.ExportReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-runs every decision of an export that the ledger recorded with an evaluation
 * (docs/policies.md §14): the context against the policy document its evaluation names, under this
 * engine, and compares the result with what the entry recorded. The documents come from the
 * export's own {@code POLICY_PUBLISHED} entries, and from documents given besides (for an export
 * that starts after a publication). Pure: reads the export, writes nothing.
 */
public final class Reevaluation {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A decision whose recorded result is not what re-evaluation gives. */
    public record Difference(long seq, String decisionId, String problem, JsonNode recorded, JsonNode reevaluated) {
    }

    /** A decision that could not be re-evaluated, and why. */
    public record Unchecked(long seq, String decisionId, String reason) {
    }

    /** What a re-evaluation found. */
    public record Report(String tenantId, long entries, long evaluated, long agreed, long overrides, long erased,
                         List<Difference> differences, List<Unchecked> unchecked) {
        /** Whether every evaluated decision was re-evaluated and agreed. */
        public boolean clean() {
            return differences.isEmpty() && unchecked.isEmpty();
        }
    }

    /** The policies known, compiled, by hash. */
    private final Map<String, CompiledPolicy> compiled = new HashMap<>();

    /**
     * Adds a policy document given besides the export (its hash is computed, not trusted).
     *
     * @throws PolicyException if the engine refuses the document
     */
    public void addDocument(JsonNode document) {
        CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(document));
        compiled.put(policy.hash(), policy);
    }

    /** Reads the whole export and re-evaluates its evaluated decisions. */
    public Report run(ExportReader export) throws IOException {
        List<Difference> differences = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        List<ExportEntry> decisions = new ArrayList<>();
        long entries = 0;
        long erased = 0;
        Optional<ExportEntry> next;
        while ((next = export.next()).isPresent()) {
            ExportEntry entry = next.get();
            entries++;
            if (entry.payloadOrNull() == null) {
                erased++;
                continue;
            }
            String type = entry.header().entryType();
            if ("POLICY_OPERATION".equals(type)) {
                JsonNode payload = json(entry.payloadOrNull());
                if (payload == null) {
                    differences.add(new Difference(entry.header().seq(), null, "the payload is not JSON",
                            NODES.nullNode(), NODES.nullNode()));
                } else if ("POLICY_PUBLISHED".equals(payload.path("operation").asText())) {
                    publication(entry.header().seq(), payload, differences);
                }
            } else if ("DECISION".equals(type)) {
                decisions.add(entry);
            }
        }
        long evaluated = 0;
        long agreed = 0;
        long overrides = 0;
        for (ExportEntry entry : decisions) {
            JsonNode payload = json(entry.payloadOrNull());
            JsonNode recorded = payload == null ? null : payload.get("evaluation");
            if (recorded == null) {
                continue;
            }
            evaluated++;
            long seq = entry.header().seq();
            String decisionId = payload.path("decision_id").asText(null);
            if (payload.has("override")) {
                overrides++;
            }
            String engine = recorded.path("engine").asText();
            if (!EngineVersion.VERSION.equals(engine)) {
                unchecked.add(new Unchecked(seq, decisionId, "evaluated by engine " + engine + ", this is "
                        + EngineVersion.VERSION));
                continue;
            }
            String policyHash = recorded.path("policy_hash").asText();
            CompiledPolicy policy = policy(policyHash);
            if (policy == null) {
                unchecked.add(new Unchecked(seq, decisionId, "the document of policy " + policyHash
                        + " is neither in the export nor given with --policy"));
                continue;
            }
            Evaluation again;
            try {
                again = policy.evaluate(payload.get("context"));
            } catch (PolicyException refused) {
                differences.add(new Difference(seq, decisionId, "the engine refuses the recorded context ("
                        + refused.code() + ")", recorded, NODES.nullNode()));
                continue;
            }
            String problem = compare(payload, recorded, again);
            if (problem == null) {
                agreed++;
            } else {
                differences.add(new Difference(seq, decisionId, problem, recorded, view(again, payload)));
            }
        }
        return new Report(export.header().tenantId(), entries, evaluated, agreed, overrides, erased, differences, unchecked);
    }

    /**
     * Keeps a publication's document, compiled, under its hash; a document that does not match its
     * hash or that this engine refuses is a difference at the publication's seq (and a decision
     * naming it is then not re-evaluated).
     */
    private void publication(long seq, JsonNode payload, List<Difference> differences) {
        JsonNode document = payload.get("document");
        if (document == null || !document.isObject()) {
            differences.add(new Difference(seq, null, "the publication holds no policy document", payload.get("policy_hash"),
                    NODES.nullNode()));
            return;
        }
        try {
            String hash = PolicyDocument.parse(document).hash();
            if (!hash.equals(payload.path("policy_hash").asText())) {
                differences.add(new Difference(seq, null, "the published document's hash is " + hash
                        + ", the entry says " + payload.path("policy_hash").asText(), payload.get("policy_hash"), NODES.textNode(hash)));
                return;
            }
            compiled.putIfAbsent(hash, PolicyCompiler.compile(PolicyDocument.parse(document)));
        } catch (PolicyException refused) {
            differences.add(new Difference(seq, null, "the published document is refused by this engine (" + refused.code()
                    + (refused.ruleId() == null ? "" : ", rule " + refused.ruleId()) + ")", payload.get("policy_hash"),
                    NODES.nullNode()));
        }
    }

    private CompiledPolicy policy(String hash) {
        return compiled.get(hash);
    }

    /** The payload as JSON, or null if it is not JSON. */
    private static JsonNode json(byte[] payload) {
        try {
            return CanonicalJson.parseStrict(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Null when the entry recorded what {@code again} gives; else what differs. */
    private static String compare(JsonNode payload, JsonNode recorded, Evaluation again) {
        List<String> problems = new ArrayList<>();
        if (!again.outcome().equals(recorded.path("outcome").asText())) {
            problems.add("outcome");
        }
        if (!violations(again).equals(payload.path("violations"))) {
            problems.add("violations");
        }
        if (!errors(again).equals(recorded.path("errors"))) {
            problems.add("errors");
        }
        if (!again.contextHash().equals(recorded.path("context_hash").asText())) {
            problems.add("context_hash");
        }
        if (!again.evaluationHash().equals(recorded.path("evaluation_hash").asText())) {
            problems.add("evaluation_hash");
        }
        if (!again.policyHash().equals(payload.path("policy").path("hash").asText())) {
            problems.add("policy.hash");
        }
        boolean override = payload.has("override");
        String decision = payload.path("decision").asText(null);
        if (!override && !again.outcome().equals(decision)) {
            problems.add("decision (no override recorded)");
        }
        if (override && again.outcome().equals(decision)) {
            problems.add("override of an agreeing decision");
        }
        return problems.isEmpty() ? null : "differs in " + String.join(", ", problems);
    }

    private static ArrayNode violations(Evaluation evaluation) {
        ArrayNode items = NODES.arrayNode();
        for (Violation v : evaluation.violations()) {
            items.addObject().put("message", v.message()).put("rule_id", v.ruleId()).put("severity", v.severity().name());
        }
        return items;
    }

    private static ArrayNode errors(Evaluation evaluation) {
        ArrayNode items = NODES.arrayNode();
        for (RuleError e : evaluation.errors()) {
            items.addObject().put("code", e.code().name()).put("rule_id", e.ruleId());
        }
        return items;
    }

    private static JsonNode view(Evaluation evaluation, JsonNode payload) {
        var node = NODES.objectNode();
        node.put("context_hash", evaluation.contextHash()).put("engine", evaluation.engineVersion());
        node.set("errors", errors(evaluation));
        node.put("evaluation_hash", evaluation.evaluationHash()).put("outcome", evaluation.outcome())
                .put("policy_hash", evaluation.policyHash());
        node.set("violations", violations(evaluation));
        return node;
    }
}
