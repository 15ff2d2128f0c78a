package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.EngineVersion;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.schemas.avro.PolicyStatus;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.Sha256;
import io.veridict.streams.chain.PayloadDocument;
import io.veridict.streams.policy.DecisionEvaluation;
import io.veridict.streams.policy.PolicyOperation;
import io.veridict.streams.retention.RetentionOperation;
import io.veridict.streams.retention.RetentionPlan;
import io.veridict.verifier.ExportHeader;
import io.veridict.verifier.ExportReader;
import io.veridict.verifier.ExportVerifier;
import io.veridict.verifier.ExportWriter;
import io.veridict.verifier.ReplayProgress;
import io.veridict.verifier.ReplayReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-evaluation of exports whose hash chains are valid: every payload below is sealed into the
 * chain with its salt, so {@code veridict verify} accepts each export, and what re-evaluation
 * finds is about the recorded results alone.
 */
class ReevaluationTest {

    private static final String TENANT = "acme";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** First match: over 50,000 EUR is DENY, a customer of less than 30 days is REVIEW, else APPROVE. */
    private static final String CREDIT_LIMIT = "{\"policy_id\":\"credit-limit\",\"version\":\"7\","
            + "\"description\":\"Limits for consumer credit\","
            + "\"outcome\":{\"mode\":\"first_match\",\"default\":\"APPROVE\"},"
            + "\"rules\":["
            + "{\"id\":\"amount-over-limit\",\"severity\":\"HIGH\",\"message\":\"amount over 50000 EUR\","
            + "\"condition\":\"ctx.amount_eur > 50000\",\"outcome\":\"DENY\"},"
            + "{\"id\":\"new-customer\",\"severity\":\"MEDIUM\",\"message\":\"customer for less than 30 days\","
            + "\"condition\":\"ctx.customer_days < 30\",\"outcome\":\"REVIEW\"}]}";

    /** Every rule counts; a rule that cannot be evaluated makes the outcome ERROR. */
    private static final String PAYMENT_SCREEN = "{\"policy_id\":\"payment-screen\",\"version\":\"2025.03\","
            + "\"outcome\":{\"mode\":\"all_violations\",\"default\":\"APPROVE\","
            + "\"by_severity\":{\"CRITICAL\":\"DENY\",\"HIGH\":\"DENY\",\"MEDIUM\":\"REVIEW\",\"LOW\":\"APPROVE\"}},"
            + "\"rules\":["
            + "{\"id\":\"sanctioned\",\"severity\":\"CRITICAL\",\"message\":\"payee in a sanctioned country\","
            + "\"condition\":\"ctx.payee.country in ['KP', 'IR', 'SY']\"},"
            + "{\"id\":\"unverified\",\"severity\":\"HIGH\",\"message\":\"payer not verified\","
            + "\"condition\":\"!ctx.payer.kyc_verified\"},"
            + "{\"id\":\"large\",\"severity\":\"LOW\",\"message\":\"large payment\","
            + "\"condition\":\"ctx.amount > 10000\"}]}";

    private static final String DENIED_CONTEXT = "{\"amount_eur\":60000,\"customer_days\":400,\"rate\":1.25}";
    private static final String REVIEW_CONTEXT = "{\"amount_eur\":1000,\"customer_days\":10}";

    @TempDir
    Path tmp;

    @Test
    void shouldAgreeWithEveryEvaluatedDecisionOfAnHonestLedger() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        ledger.decide(credit, "loan-2", REVIEW_CONTEXT, "APPROVE", "branch manager checked the customer's history");
        ledger.plainDecision("loan-3", "{\"amount_eur\":5}", "\"APPROVE\"");
        byte[] export = ledger.export(0);

        assertThat(verify(export).verified()).as("the chain is valid").isTrue();
        Reevaluation.Report report = reevaluate(export);

        assertThat(report.clean()).isTrue();
        assertThat(report.tenantId()).isEqualTo(TENANT);
        assertThat(report.entries()).isEqualTo(4);
        assertThat(report.evaluated()).as("the plain decision has no evaluation").isEqualTo(2);
        assertThat(report.overrides()).isEqualTo(1);
        assertThat(report.agreed()).isEqualTo(report.evaluated());
        assertThat(report.erased()).isZero();
        assertThat(report.differences()).isEmpty();
        assertThat(report.unchecked()).isEmpty();
    }

    @Test
    void shouldAgreeWithRecordedViolationsAndRuleErrorsOfAnAllViolationsPolicy() throws IOException {
        Ledger ledger = new Ledger();
        Published screen = ledger.publish(PAYMENT_SCREEN);
        Evaluation denied = ledger.decide(screen, "pay-1",
                "{\"amount\":20000,\"payee\":{\"country\":\"KP\"},\"payer\":{\"kyc_verified\":false}}", null, null);
        Evaluation failed = ledger.decide(screen, "pay-2",
                "{\"amount\":\"a lot\",\"payee\":{\"country\":\"FR\"},\"payer\":{\"kyc_verified\":true}}", null, null);
        Evaluation approved = ledger.decide(screen, "pay-3",
                "{\"amount\":0.5,\"payee\":{\"country\":\"FR\"},\"payer\":{\"kyc_verified\":true}}", null, null);
        Evaluation large = ledger.decide(screen, "pay-4", "{\"amount\":1E21,\"fee\":1.0e-7,\"ref\":18446744073709552000,"
                + "\"payee\":{\"country\":\"F\\u0052\"},\"payer\":{\"kyc_verified\":true},\"note\":\"Zo\u00eb \ud83d\ude00\"}",
                null, null);

        assertThat(denied.outcome()).isEqualTo("DENY");
        assertThat(denied.violations()).hasSize(3);
        assertThat(failed.outcome()).isEqualTo("ERROR");
        assertThat(failed.errors()).hasSize(1);
        assertThat(approved.outcome()).isEqualTo("APPROVE");
        assertThat(large.outcome()).isEqualTo("APPROVE");
        assertThat(large.violations()).extracting(v -> v.ruleId()).containsExactly("large");
        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).isEmpty();
        assertThat(report.unchecked()).isEmpty();
        assertThat(report.evaluated()).isEqualTo(4);
        assertThat(report.agreed()).isEqualTo(4);
    }

    @Test
    void shouldReportAnOutcomeThePolicyWouldNotProduceEvenWithConsistentHashes() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", REVIEW_CONTEXT, null, null);
        long forgedSeq = ledger.decideForged(credit, "loan-2", DENIED_CONTEXT, evaluated -> {
            ObjectNode evaluation = (ObjectNode) evaluated.get("evaluation");
            evaluation.put("outcome", "APPROVE");
            evaluated.put("decision", "APPROVE");
            evaluated.putArray("violations");
            evaluation.put("evaluation_hash", selfConsistentEvaluationHash(evaluated));
        });
        byte[] export = ledger.export(0);

        assertThat(verify(export).verified()).as("the forged payload is sealed into a valid chain").isTrue();
        Reevaluation.Report report = reevaluate(export);

        assertThat(report.clean()).isFalse();
        assertThat(report.evaluated()).isEqualTo(2);
        assertThat(report.agreed()).isEqualTo(1);
        assertThat(report.unchecked()).isEmpty();
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(forgedSeq);
            assertThat(d.decisionId()).isEqualTo("loan-2");
            assertThat(d.problem()).contains("outcome").contains("violations").contains("evaluation_hash");
            assertThat(d.recorded().path("outcome").asText()).isEqualTo("APPROVE");
            assertThat(d.reevaluated().path("outcome").asText()).isEqualTo("DENY");
            assertThat(d.reevaluated().path("engine").asText()).isEqualTo(EngineVersion.VERSION);
            assertThat(d.reevaluated().path("violations").get(0).path("rule_id").asText())
                    .isEqualTo("amount-over-limit");
        });
    }

    @Test
    void shouldReportADecisionThatIsNotTheEvaluatedOutcomeWithoutAnOverride() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        long seq = ledger.decideForged(credit, "loan-1", DENIED_CONTEXT, evaluated -> evaluated.put("decision", "APPROVE"));

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(seq);
            assertThat(d.decisionId()).isEqualTo("loan-1");
            assertThat(d.problem()).isEqualTo("differs in decision (no override recorded)");
            assertThat(d.recorded().path("outcome").asText()).isEqualTo("DENY");
            assertThat(d.reevaluated().path("outcome").asText()).isEqualTo("DENY");
        });
        assertThat(report.agreed()).isZero();
    }

    @Test
    void shouldReportAnOverrideOfADecisionThatAgrees() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decideForged(credit, "loan-1", DENIED_CONTEXT,
                evaluated -> evaluated.putObject("override").put("reason", "nothing to override"));

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.overrides()).isEqualTo(1);
        assertThat(report.differences()).singleElement()
                .satisfies(d -> assertThat(d.problem()).contains("override of an agreeing decision"));
    }

    @Test
    void shouldReportARecordedPolicyHashThatIsNotTheEvaluatedPolicys() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decideForged(credit, "loan-1", DENIED_CONTEXT,
                evaluated -> ((ObjectNode) evaluated.get("policy")).put("hash", "0".repeat(64)));

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).singleElement()
                .satisfies(d -> assertThat(d.problem()).isEqualTo("differs in policy.hash"));
    }

    @Test
    void shouldLeaveUncheckedADecisionWhosePolicyWasPublishedBeforeTheExportStarts() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        ledger.decide(credit, "loan-2", REVIEW_CONTEXT, "APPROVE", "known customer");
        byte[] export = ledger.export(1);

        Reevaluation.Report without = reevaluate(export);

        assertThat(without.entries()).isEqualTo(2);
        assertThat(without.evaluated()).isEqualTo(2);
        assertThat(without.agreed()).isZero();
        assertThat(without.differences()).isEmpty();
        assertThat(without.unchecked()).extracting(Reevaluation.Unchecked::seq).containsExactly(1L, 2L);
        assertThat(without.unchecked()).extracting(Reevaluation.Unchecked::decisionId).containsExactly("loan-1", "loan-2");
        assertThat(without.unchecked().get(0).reason()).contains(credit.hash()).contains("--policy");
        assertThat(without.clean()).isFalse();

        Reevaluation given = new Reevaluation();
        given.addDocument(CanonicalJson.parseStrict(CREDIT_LIMIT));
        Reevaluation.Report with;
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(export))) {
            with = given.run(reader);
        }

        assertThat(with.clean()).isTrue();
        assertThat(with.evaluated()).isEqualTo(2);
        assertThat(with.agreed()).isEqualTo(2);
        assertThat(with.overrides()).isEqualTo(1);
    }

    @Test
    void shouldFindTheGivenDocumentByItsCanonicalHashWhateverItsSpelling() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        String respelled = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(CREDIT_LIMIT));

        Reevaluation given = new Reevaluation();
        given.addDocument(CanonicalJson.parseStrict(respelled));
        Reevaluation.Report report;
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(ledger.export(1)))) {
            report = given.run(reader);
        }

        assertThat(report.clean()).isTrue();
        assertThat(report.agreed()).isEqualTo(1);
    }

    @Test
    void shouldLeaveUncheckedADecisionEvaluatedUnderAnotherEngineVersion() throws IOException {
        String otherEngine = "veridict-policy/0 cel-java/0.13.0";
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", REVIEW_CONTEXT, null, null);
        long seq = ledger.decideForged(credit, "loan-2", DENIED_CONTEXT,
                evaluated -> ((ObjectNode) evaluated.get("evaluation")).put("engine", otherEngine));

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).isEmpty();
        assertThat(report.evaluated()).isEqualTo(2);
        assertThat(report.agreed()).isEqualTo(1);
        assertThat(report.unchecked()).singleElement().satisfies(u -> {
            assertThat(u.seq()).isEqualTo(seq);
            assertThat(u.decisionId()).isEqualTo("loan-2");
            assertThat(u.reason()).contains(otherEngine).contains(EngineVersion.VERSION);
        });
        assertThat(report.clean()).isFalse();
    }

    @Test
    void shouldReportAPublicationWhoseDocumentIsNotTheOneItsHashNames() throws IOException {
        PolicyDocument published = PolicyDocument.parse(CanonicalJson.parseStrict(CREDIT_LIMIT));
        PolicyDocument other = PolicyDocument.parse(CanonicalJson.parseStrict(PAYMENT_SCREEN));
        Ledger ledger = new Ledger();
        long seq = ledger.append("POLICY_OPERATION", new PolicyOperation(PolicyOperation.Kind.POLICY_PUBLISHED,
                published.policyId(), published.version(), other.hash(), published.canonicalJson(), PolicyStatus.ACTIVE,
                null, null).payload());
        byte[] export = ledger.export(0);

        assertThat(verify(export).verified()).isTrue();
        Reevaluation.Report report = reevaluate(export);

        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(seq);
            assertThat(d.decisionId()).isNull();
            assertThat(d.problem()).contains(published.hash()).contains(other.hash());
            assertThat(d.recorded().asText()).isEqualTo(other.hash());
            assertThat(d.reevaluated().asText()).isEqualTo(published.hash());
        });
        assertThat(report.clean()).isFalse();
    }

    @Test
    void shouldReportAPublishedDocumentThisEngineRefusesAndGoOnWithTheRest() throws IOException {
        String broken = CREDIT_LIMIT.replace("ctx.amount_eur > 50000", "ctx.amount_eur >");
        PolicyDocument refused = PolicyDocument.parse(CanonicalJson.parseStrict(broken));
        Ledger ledger = new Ledger();
        long seq = ledger.append("POLICY_OPERATION", new PolicyOperation(PolicyOperation.Kind.POLICY_PUBLISHED,
                refused.policyId(), refused.version(), refused.hash(), refused.canonicalJson(), PolicyStatus.ACTIVE,
                null, null).payload());
        ledger.append("POLICY_OPERATION", "not json at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] export = ledger.export(0);

        Reevaluation.Report report = reevaluate(export);

        assertThat(report.differences()).hasSize(2);
        assertThat(report.differences().get(0).seq()).isEqualTo(seq);
        assertThat(report.differences().get(0).problem()).contains("RULE_COMPILE_ERROR").contains("amount-over-limit");
        assertThat(report.differences().get(1).problem()).contains("not JSON");
    }

    @Test
    void shouldNotUseAPublishedDocumentWhoseHashDoesNotMatch() throws IOException {
        PolicyDocument published = PolicyDocument.parse(CanonicalJson.parseStrict(CREDIT_LIMIT));
        Ledger ledger = new Ledger();
        String claimedHash = Sha256.hex("another document".getBytes(StandardCharsets.UTF_8));
        ledger.append("POLICY_OPERATION", new PolicyOperation(PolicyOperation.Kind.POLICY_PUBLISHED,
                published.policyId(), published.version(), claimedHash, published.canonicalJson(), PolicyStatus.ACTIVE,
                null, null).payload());
        ledger.decideForged(ledger.compiled(CREDIT_LIMIT, 0), "loan-1", DENIED_CONTEXT, evaluated -> {
            ((ObjectNode) evaluated.get("policy")).put("hash", claimedHash);
            ((ObjectNode) evaluated.get("evaluation")).put("policy_hash", claimedHash);
        });

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).hasSize(1);
        assertThat(report.unchecked()).singleElement().satisfies(u -> assertThat(u.reason()).contains(claimedHash));
    }

    @Test
    void shouldCountAnErasedPayloadAndSkipIt() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        long erasedSeq = ledger.nextSeq();
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        ledger.decide(credit, "loan-2", REVIEW_CONTEXT, null, null);
        ledger.plainDecision("loan-3", "{}", "true");
        ledger.erase(erasedSeq);
        byte[] export = ledger.export(0);

        assertThat(verify(export).verified()).as("the erasure record accounts for the absent payload").isTrue();
        Reevaluation.Report report = reevaluate(export);

        assertThat(report.entries()).isEqualTo(5);
        assertThat(report.erased()).isEqualTo(1);
        assertThat(report.evaluated()).isEqualTo(1);
        assertThat(report.agreed()).isEqualTo(1);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void shouldReportAContextTheEngineRefusesAsADifference() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        long seq = ledger.decideForged(credit, "loan-1", DENIED_CONTEXT, evaluated -> {
            ObjectNode deep = (ObjectNode) evaluated.get("context");
            for (int i = 0; i < 40; i++) {
                deep = deep.putObject("n");
            }
        });

        Reevaluation.Report report = reevaluate(ledger.export(0));

        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(seq);
            assertThat(d.problem()).contains("refuses").contains("CONTEXT_TOO_DEEP");
            assertThat(d.reevaluated().isNull()).isTrue();
        });
    }

    @Test
    void shouldExitZeroForAnExportWhoseDecisionsAllAgree() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        ledger.decide(credit, "loan-2", REVIEW_CONTEXT, "APPROVE", "known customer");
        Path file = write("clean.ndjson", ledger.export(0));

        Cli cli = cli(file, List.of(), false);

        assertThat(cli.code).isEqualTo(ReevaluateCommand.EXIT_AGREED);
        assertThat(cli.out).contains("Tenant            acme").contains("Agree             2")
                .contains("RESULT: every evaluated decision re-evaluates to what was recorded");
        assertThat(cli.err).isEmpty();
    }

    @Test
    void shouldExitOneAndListTheSeqOfATamperedDecisionInJson() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", REVIEW_CONTEXT, null, null);
        long seq = ledger.decideForged(credit, "loan-2", DENIED_CONTEXT,
                evaluated -> ((ObjectNode) evaluated.get("evaluation")).put("outcome", "APPROVE"));
        Path file = write("tampered.ndjson", ledger.export(0));

        Cli text = cli(file, List.of(), false);
        Cli json = cli(file, List.of(), true);

        assertThat(text.code).isEqualTo(ReevaluateCommand.EXIT_DIFFERS);
        assertThat(text.out).contains("seq " + seq + " (decision loan-2): differs in outcome")
                .contains("RESULT: DIFFERENCES FOUND");
        assertThat(json.code).isEqualTo(ReevaluateCommand.EXIT_DIFFERS);
        JsonNode report = JSON.readTree(json.out);
        assertThat(report.path("tenant_id").asText()).isEqualTo(TENANT);
        assertThat(report.path("clean").asBoolean()).isFalse();
        assertThat(report.path("evaluated").asLong()).isEqualTo(2);
        assertThat(report.path("agreed").asLong()).isEqualTo(1);
        assertThat(report.path("differences")).hasSize(1);
        JsonNode difference = report.path("differences").get(0);
        assertThat(difference.path("seq").asLong()).isEqualTo(seq);
        assertThat(difference.path("decision_id").asText()).isEqualTo("loan-2");
        assertThat(difference.path("problem").asText()).contains("outcome");
        assertThat(difference.path("recorded").path("outcome").asText()).isEqualTo("APPROVE");
        assertThat(difference.path("reevaluated").path("outcome").asText()).isEqualTo("DENY");
        assertThat(report.path("not_reevaluated")).isEmpty();
    }

    @Test
    void shouldExitOneWithoutThePolicyDocumentAndZeroWhenItIsGivenWithPolicy() throws IOException {
        Ledger ledger = new Ledger();
        Published credit = ledger.publish(CREDIT_LIMIT);
        ledger.decide(credit, "loan-1", DENIED_CONTEXT, null, null);
        Path file = write("from-1.ndjson", ledger.export(1));
        Path document = write("credit-limit.json", CREDIT_LIMIT.getBytes(StandardCharsets.UTF_8));

        Cli without = cli(file, null, true);
        Cli with = cli(file, List.of(document.toString()), true);

        assertThat(without.code).isEqualTo(ReevaluateCommand.EXIT_DIFFERS);
        JsonNode missing = JSON.readTree(without.out).path("not_reevaluated");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).path("seq").asLong()).isEqualTo(1);
        assertThat(missing.get(0).path("reason").asText()).contains(credit.hash());
        assertThat(with.code).isEqualTo(ReevaluateCommand.EXIT_AGREED);
        assertThat(JSON.readTree(with.out).path("clean").asBoolean()).isTrue();
    }

    @Test
    void shouldExitTwoForAFileThatIsNotAnExport() throws IOException {
        Path notAnExport = write("notes.txt", "{\"type\":\"something else\"}\n".getBytes(StandardCharsets.UTF_8));
        Ledger ledger = new Ledger();
        ledger.publish(CREDIT_LIMIT);
        byte[] whole = ledger.export(0);
        Path truncated = write("truncated.ndjson", Arrays.copyOf(whole, whole.length - 10));

        Cli garbage = cli(notAnExport, List.of(), false);
        Cli cut = cli(truncated, List.of(), false);
        Cli absent = cli(tmp.resolve("absent.ndjson"), List.of(), false);

        assertThat(garbage.code).isEqualTo(ReevaluateCommand.EXIT_UNUSABLE);
        assertThat(garbage.err).contains("not a readable export");
        assertThat(garbage.out).isEmpty();
        assertThat(cut.code).isEqualTo(ReevaluateCommand.EXIT_UNUSABLE);
        assertThat(cut.err).contains("not a readable export");
        assertThat(absent.code).isEqualTo(ReevaluateCommand.EXIT_UNUSABLE);
        assertThat(absent.err).contains("cannot read");
    }

    @Test
    void shouldExitTwoForAPolicyDocumentThatIsNotAPolicy() throws IOException {
        Ledger ledger = new Ledger();
        ledger.publish(CREDIT_LIMIT);
        Path file = write("export.ndjson", ledger.export(0));
        Path document = write("not-a-policy.json", "{\"policy_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        Cli cli = cli(file, List.of(document.toString()), false);

        assertThat(cli.code).isEqualTo(ReevaluateCommand.EXIT_UNUSABLE);
        assertThat(cli.err).contains("cannot use the policy document").contains(document.toString());
        assertThat(cli.out).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static Reevaluation.Report reevaluate(byte[] export) throws IOException {
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(export))) {
            return new Reevaluation().run(reader);
        }
    }

    private static ReplayReport verify(byte[] export) throws IOException {
        return ExportVerifier.verify(new ByteArrayInputStream(export), "export.ndjson", ReplayProgress.NONE);
    }

    /** The evaluation hash (docs/policies.md §8) of what the payload records, so a forgery is consistent in itself. */
    private static String selfConsistentEvaluationHash(ObjectNode payload) {
        JsonNode evaluation = payload.get("evaluation");
        ObjectNode input = JSON.createObjectNode();
        input.set("context_hash", evaluation.get("context_hash"));
        input.set("engine", evaluation.get("engine"));
        input.set("errors", evaluation.get("errors"));
        input.set("outcome", evaluation.get("outcome"));
        input.set("policy_hash", evaluation.get("policy_hash"));
        input.set("violations", payload.get("violations"));
        return Sha256.hex(CanonicalJson.canonicalize(input));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(Path file, List<String> policies, boolean json) {
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("file", file.toString());
        attrs.put("policy", policies);
        attrs.put("json", json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReevaluateCommand.run(new Namespace(attrs), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A published policy version: its compiled document and the version the chain's policy registry holds. */
    private record Published(CompiledPolicy policy, PolicyVersion version) {
        String hash() {
            return policy.hash();
        }
    }

    /**
     * One tenant's ledger, from genesis: each entry sealed in the current format version with a
     * fresh salt and chained to the one before, as the chain processor writes them.
     */
    private static final class Ledger {

        private record Link(EntryHeader header, byte[] payload, byte[] salt) {
        }

        private final List<Link> links = new ArrayList<>();
        private final List<Long> erased = new ArrayList<>();
        private byte[] prev = ChainHead.genesis(TENANT).chainHash();

        long nextSeq() {
            return links.size();
        }

        long append(String entryType, byte[] payload) {
            int seq = links.size();
            byte[] salt = new byte[LedgerFormat.SALT_SIZE];
            Arrays.fill(salt, (byte) (seq * 7 + 3));
            EntryHeader header = EntryHeader.seal(LedgerFormat.CURRENT_VERSION, TENANT, seq,
                    "00000000-0000-7000-8000-" + String.format("%012d", seq), entryType, 1_750_000_000_000L + seq,
                    1_750_000_000_004L + seq, "key_live_7Hq2", "req-" + seq, LedgerHashes.saltedPayloadHash(salt, payload),
                    prev);
            links.add(new Link(header, payload, salt));
            prev = header.chainHash();
            return seq;
        }

        Published publish(String documentJson) {
            CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(CanonicalJson.parseStrict(documentJson)));
            PolicyDocument document = policy.document();
            long seq = append("POLICY_OPERATION", new PolicyOperation(PolicyOperation.Kind.POLICY_PUBLISHED,
                    document.policyId(), document.version(), document.hash(), document.canonicalJson(), PolicyStatus.ACTIVE,
                    null, "first version").payload());
            return compiled(documentJson, seq);
        }

        Published compiled(String documentJson, long publicationSeq) {
            CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(CanonicalJson.parseStrict(documentJson)));
            Instant at = Instant.ofEpochMilli(1_750_000_000_000L + publicationSeq);
            PolicyVersion version = PolicyVersion.newBuilder().setPolicyId(policy.document().policyId())
                    .setVersion(policy.document().version()).setPolicyHash(policy.hash()).setPublicationSeq(publicationSeq)
                    .setStatus(PolicyStatus.ACTIVE).setPublishedAt(at).setChangedAt(at).build();
            return new Published(policy, version);
        }

        /** Records a decision as the chain does when asked to evaluate; returns the evaluation. */
        Evaluation decide(Published published, String decisionId, String contextJson, String claimed, String overrideReason) {
            Evaluation evaluation = published.policy().evaluate(contextJson.getBytes(StandardCharsets.UTF_8));
            append("DECISION", evaluatedPayload(published, decisionId, contextJson, claimed, overrideReason, evaluation));
            return evaluation;
        }

        /** Records an evaluated decision whose payload {@code edit} changed before it was sealed; returns its seq. */
        long decideForged(Published published, String decisionId, String contextJson, Consumer<ObjectNode> edit) {
            Evaluation evaluation = published.policy().evaluate(contextJson.getBytes(StandardCharsets.UTF_8));
            ObjectNode payload = (ObjectNode) CanonicalJson.parseStrict(
                    evaluatedPayload(published, decisionId, contextJson, null, null, evaluation));
            edit.accept(payload);
            return append("DECISION", CanonicalJson.canonicalize(payload));
        }

        /** Records a decision as given, without evaluation. */
        void plainDecision(String decisionId, String contextJson, String decisionJson) {
            RecordDecision body = RecordDecision.newBuilder().setDecisionId(decisionId).setContextJson(contextJson)
                    .setViolations(List.of()).setEvidence(List.of())
                    .setDecisionJson(decisionJson).build();
            append("DECISION", PayloadDocument.decision(body, decisionId));
        }

        /** Erases the payload of {@code seq} and appends the erasure record of the retention run. */
        void erase(long seq) {
            erased.add(seq);
            append("RETENTION_OPERATION", new RetentionOperation(RetentionOperation.Kind.RETENTION_APPLIED, 1, null, null,
                    "compliance", null, null, null, null, null, new RetentionPlan(List.of(seq), 0, false)).payload());
        }

        private static byte[] evaluatedPayload(Published published, String decisionId, String contextJson, String claimed,
                                               String overrideReason, Evaluation evaluation) {
            RecordDecision body = RecordDecision.newBuilder().setDecisionId(decisionId).setContextJson(contextJson)
                    .setViolations(List.of()).setEvidence(List.of())
                    .setDecisionJson(claimed == null ? "null" : JSON.valueToTree(claimed).toString()).build();
            String outcome = overrideReason == null ? evaluation.outcome() : claimed;
            return PayloadDocument.decision(body, decisionId,
                    new DecisionEvaluation(published.version(), evaluation, outcome, overrideReason));
        }

        /** The export of seqs {@code fromSeq} to the last, with erased payloads absent. */
        byte[] export(long fromSeq) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportWriter writer = ExportWriter.start(out, new ExportHeader(TENANT, fromSeq, links.size() - 1,
                    Instant.parse("2026-03-01T12:00:00Z")));
            Set<Long> absent = Set.copyOf(erased);
            for (Link link : links.subList((int) fromSeq, links.size())) {
                boolean gone = absent.contains(link.header().seq());
                writer.write(link.header(), gone ? null : link.payload(), gone ? null : link.salt());
            }
            writer.finish();
            return out.toByteArray();
        }
    }
}
