package io.veridict.policy;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code docs/test-vectors/policies.json} from {@link PolicyVectorCases}: it evaluates each
 * case, fails if the engine disagrees with the outcome, violations, errors or refusal written in
 * the case, and adds the hashes. Re-run after a change of the engine or the cases:
 * <pre>
 * mvn -q -pl policy -am test-compile
 * java -cp "policy/target/test-classes:policy/target/classes:$(cat /tmp/cp.txt)" \
 *     io.veridict.policy.PolicyVectorGenerator docs/test-vectors/policies.json
 * </pre>
 * ({@code /tmp/cp.txt} from {@code mvn -q -pl policy -am dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}, with schemas/target/classes added). {@link PolicyVectorsTest}
 * fails while the committed file differs from what this class renders.
 */
public final class PolicyVectorGenerator {

    static final String FILE = "docs/test-vectors/policies.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private PolicyVectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : locate();
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    /** The exact text of the vector file. */
    static String render() throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("description", "Policy engine vectors (docs/policies.md). Each case has a policy document and"
                + " either a context, given as its exact JSON text in context_json, with the expected evaluation,"
                + " or an expected_error: the code and the rule at fault (null when no rule is) with which the"
                + " engine refuses the policy when it is compiled, or the context when it is evaluated."
                + " Violations and errors are in rule order; hashes are lower-case hex SHA-256; the evaluation"
                + " hash includes the engine version below.");
        root.put("engine", EngineVersion.VERSION);
        ArrayNode cases = root.putArray("cases");
        for (PolicyVectorCases.Case c : PolicyVectorCases.all()) {
            cases.add(render(c));
        }
        return WRITER.writeValueAsString(root) + "\n";
    }

    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/test-vectors"))) {
                return dir.resolve(FILE);
            }
        }
        throw new IllegalStateException("no docs/test-vectors/ directory above " + Path.of("").toAbsolutePath());
    }

    private static ObjectNode render(PolicyVectorCases.Case c) {
        ObjectNode node = NODES.objectNode();
        node.put("name", c.name());
        node.put("description", c.description());
        node.set("policy", c.policy());
        if (c.contextJson() != null) {
            node.put("context_json", c.contextJson());
        }
        Evaluation evaluation;
        try {
            CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(c.policy()));
            if (c.contextJson() == null) {
                throw new IllegalStateException(c.name() + ": the policy compiles, but the case expects "
                        + c.refusal());
            }
            evaluation = policy.evaluate(c.contextJson().getBytes(StandardCharsets.UTF_8));
        } catch (PolicyException e) {
            String refusal = e.code() + (e.ruleId() == null ? "" : ":" + e.ruleId());
            if (!refusal.equals(c.refusal())) {
                throw new IllegalStateException(c.name() + ": expected " + c.refusal() + ", the engine says "
                        + e.getMessage(), e);
            }
            node.putObject("expected_error").put("code", e.code().name()).put("rule_id", e.ruleId());
            return node;
        }
        check(c, evaluation);
        ObjectNode expected = node.putObject("expected");
        expected.put("outcome", evaluation.outcome());
        ArrayNode violations = expected.putArray("violations");
        for (Violation violation : evaluation.violations()) {
            violations.addObject().put("rule_id", violation.ruleId()).put("severity", violation.severity().name())
                    .put("message", violation.message());
        }
        ArrayNode errors = expected.putArray("errors");
        for (RuleError error : evaluation.errors()) {
            errors.addObject().put("rule_id", error.ruleId()).put("code", error.code().name());
        }
        expected.put("policy_hash", evaluation.policyHash());
        expected.put("context_hash", evaluation.contextHash());
        expected.put("evaluation_hash", evaluation.evaluationHash());
        return node;
    }

    private static void check(PolicyVectorCases.Case c, Evaluation evaluation) {
        List<String> violations = evaluation.violations().stream().map(Violation::ruleId).toList();
        List<String> errors = new ArrayList<>();
        for (RuleError error : evaluation.errors()) {
            errors.add(error.ruleId() + ":" + error.code());
        }
        if (c.refusal() != null || !evaluation.outcome().equals(c.outcome()) || !violations.equals(c.violations())
                || !errors.equals(c.errors())) {
            throw new IllegalStateException(c.name() + ": expected " + (c.refusal() != null ? c.refusal()
                    : c.outcome() + " " + c.violations() + " " + c.errors()) + ", the engine says "
                    + evaluation.outcome() + " " + violations + " " + errors + " " + details(evaluation));
        }
    }

    private static String details(Evaluation evaluation) {
        return evaluation.errors().stream().map(RuleError::detail).toList().toString();
    }

    /** Reads the committed vector file. */
    static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(Files.readString(locate(), StandardCharsets.UTF_8));
    }
}
