package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.PolicyEvaluationRequest;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.PolicyRegistry;
import io.veridict.schemas.avro.PolicyRequest;
import io.veridict.schemas.avro.PolicyRequestType;
import io.veridict.schemas.avro.PolicyStatus;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.avro.Violation;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.StoreKeys;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Published policies on the production topology: their publication, activation and retirement as
 * POLICY_OPERATION entries, and decisions the chain evaluates against them (docs/policies.md §13,
 * docs/ledger-format.md §4.1 and §4.6).
 */
class PolicyTopologyTest {

    private static final String TENANT = "acme";
    private static final String CREDIT = "credit-limit";

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 3, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();
    private final LedgerCrypto crypto = TestCrypto.crypto();
    private TopologyTestDriver driver;
    private ChainOutputs chain;
    private KeyValueStore<String, PolicyRegistry> policies;
    private KeyValueStore<Bytes, PayloadEnvelope> payloads;

    @BeforeEach
    void startDriver() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(), crypto), props,
                Instant.now());
        chain = new ChainOutputs(driver, topics, serdes);
        policies = driver.getKeyValueStore(ChainStores.POLICIES);
        payloads = driver.getKeyValueStore(ChainStores.PAYLOADS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // Publication.

    @Test
    void shouldChainAPublicationAsOnePolicyOperationEntryHoldingTheCanonicalDocumentAndListItsVersion() {
        chain.pipe(TENANT, Commands.decision(TENANT, "before"));
        assertThat(chain.answers()).singleElement().satisfies(o -> assertThat(o.getStatus()).isEqualTo(OutcomeStatus.CHAINED));
        chain.entries();
        String doc = document(CREDIT, "7", "ctx.amount_eur > 50000");
        // The same document, spaced and reordered: the chain keeps its canonical form.
        String spaced = " { \"version\" : \"7\", \"rules\" : " + CanonicalJson.parseStrict(doc).get("rules")
                + ", \"policy_id\" : \"credit-limit\", \"outcome\" : {\"default\":\"APPROVE\",\"mode\":\"first_match\"} } ";

        CommandOutcome published = request(publish(CREDIT, "7", spaced, true, "first limit"));

        assertThat(published.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        List<LedgerEntry> written = chain.entries();
        assertThat(written).singleElement().satisfies(e -> {
            assertThat(e.getEntryType()).isEqualTo(EntryType.POLICY_OPERATION);
            assertThat(e.getSeq()).isEqualTo(1L).isEqualTo(published.getReceipt().getSeq());
        });
        long seq = written.get(0).getSeq();
        assertThat(payloads.get(StoreKeys.seq(TENANT, seq)).getKeyId()).as("sealed like a decision's payload").isNotNull();
        String hash = PolicyDocument.parse(doc.getBytes(StandardCharsets.UTF_8)).hash();
        JsonNode payload = payload(seq);
        assertThat(payload.get("kind").asText()).isEqualTo("policy_operation");
        assertThat(payload.get("operation").asText()).isEqualTo("POLICY_PUBLISHED");
        assertThat(payload.get("policy_id").asText()).isEqualTo(CREDIT);
        assertThat(payload.get("version").asText()).isEqualTo("7");
        assertThat(payload.get("policy_hash").asText()).isEqualTo(hash)
                .isEqualTo(PolicyDocument.parse(spaced.getBytes(StandardCharsets.UTF_8)).hash());
        assertThat(new String(CanonicalJson.canonicalize(payload.get("document")), StandardCharsets.UTF_8))
                .as("the document in canonical JSON, whose hash is policy_hash").isEqualTo(doc);
        assertThat(payload.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(payload.get("superseded").isNull()).isTrue();
        assertThat(payload.get("reason").asText()).isEqualTo("first limit");
        assertThat(versions()).singleElement().satisfies(v -> {
            assertThat(v.getPolicyId()).isEqualTo(CREDIT);
            assertThat(v.getVersion()).isEqualTo("7");
            assertThat(v.getPolicyHash()).isEqualTo(hash);
            assertThat(v.getStatus()).isEqualTo(PolicyStatus.ACTIVE);
            assertThat(v.getPublicationSeq()).isEqualTo(seq);
        });

        CommandOutcome inactive = request(publish(CREDIT, "8", document(CREDIT, "8", "ctx.amount_eur > 10000"), false, null));

        assertThat(inactive.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        long second = inactive.getReceipt().getSeq();
        assertThat(chain.entries()).singleElement().satisfies(e -> {
            assertThat(e.getEntryType()).isEqualTo(EntryType.POLICY_OPERATION);
            assertThat(e.getSeq()).isEqualTo(second).isEqualTo(2L);
        });
        JsonNode secondPayload = payload(second);
        assertThat(secondPayload.get("operation").asText()).isEqualTo("POLICY_PUBLISHED");
        assertThat(secondPayload.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(secondPayload.get("superseded").isNull()).as("publishing without activating supersedes nothing").isTrue();
        assertThat(secondPayload.get("reason").isNull()).isTrue();
        assertThat(versions()).extracting(v -> v.getVersion() + ":" + v.getStatus() + "@" + v.getPublicationSeq())
                .containsExactly("7:ACTIVE@1", "8:PUBLISHED@2");
    }

    @Test
    void shouldRefuseASecondPublicationOfAVersionAnEngineRefusedDocumentAndAMismatchedRequestChainingNothing() {
        String doc = document(CREDIT, "7", "ctx.amount_eur > 50000");
        LedgerCommand first = publish(CREDIT, "7", doc, true, null);
        assertThat(request(first).getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        long seq = chain.entries().get(0).getSeq();

        assertThat(refusal(publish(CREDIT, "7", doc, true, null))).as("the same document again")
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_VERSION_EXISTS.name());
        assertThat(refusal(publish(CREDIT, "7", document(CREDIT, "7", "ctx.amount_eur > 1"), false, null)))
                .as("another document under the same id and version")
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_VERSION_EXISTS.name());
        CommandOutcome retry = request(first);
        assertThat(retry.getStatus()).as("a retry under the first idempotency key").isEqualTo(OutcomeStatus.DUPLICATE);
        assertThat(retry.getReceipt().getSeq()).isEqualTo(seq);

        assertThat(refusal(publish(CREDIT, "9", document(CREDIT, "9", "ctx.a +"), true, null)))
                .as("a condition that does not compile").isEqualTo("CONFLICT:" + RefusalCode.POLICY_REFUSED.name());
        assertThat(refusal(publish(CREDIT, "9", "{\"policy_id\":\"credit-limit\",\"version\":\"9\"}", true, null)))
                .as("a document without outcome and rules").isEqualTo("CONFLICT:" + RefusalCode.POLICY_REFUSED.name());
        assertThat(refusal(publish(CREDIT, "10", document(CREDIT, "9", "ctx.amount_eur > 1"), true, null)))
                .as("the document's version is not the request's")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_POLICY_REQUEST.name());
        assertThat(refusal(publish("debit-limit", "9", document(CREDIT, "9", "ctx.amount_eur > 1"), true, null)))
                .as("the document's policy id is not the request's")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_POLICY_REQUEST.name());
        assertThat(refusal(publish(CREDIT, "9", null, true, null))).as("no document")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_POLICY_REQUEST.name());

        assertThat(chain.entries()).isEmpty();
        assertThat(versions()).singleElement().satisfies(v -> {
            assertThat(v.getVersion()).isEqualTo("7");
            assertThat(v.getPolicyHash()).isEqualTo(PolicyDocument.parse(doc.getBytes(StandardCharsets.UTF_8)).hash());
        });
        assertThat(payload(seq).get("document").get("rules").get(0).get("condition").asText())
                .as("the published document stays as first published").isEqualTo("ctx.amount_eur > 50000");
    }

    // Activation and retirement.

    @Test
    void shouldActivateSupersedingTheActiveVersionAndRetireForGoodRefusingWhatNoStatusAllows() {
        assertThat(request(publish(CREDIT, "1", document(CREDIT, "1", "ctx.amount_eur > 1000"), true, null)).getStatus())
                .isEqualTo(OutcomeStatus.CHAINED);
        assertThat(request(publish(CREDIT, "2", document(CREDIT, "2", "ctx.amount_eur > 2000"), false, null)).getStatus())
                .isEqualTo(OutcomeStatus.CHAINED);
        chain.entries();
        String hash2 = PolicyDocument.parse(document(CREDIT, "2", "ctx.amount_eur > 2000")
                .getBytes(StandardCharsets.UTF_8)).hash();

        CommandOutcome activated = request(change(PolicyRequestType.ACTIVATE, CREDIT, "2", "new limits"));

        assertThat(activated.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(chain.entries()).singleElement()
                .satisfies(e -> assertThat(e.getEntryType()).isEqualTo(EntryType.POLICY_OPERATION));
        JsonNode activation = payload(activated.getReceipt().getSeq());
        assertThat(activation.get("operation").asText()).isEqualTo("POLICY_ACTIVATED");
        assertThat(activation.get("version").asText()).isEqualTo("2");
        assertThat(activation.get("policy_hash").asText()).isEqualTo(hash2);
        assertThat(activation.get("document").isNull()).isTrue();
        assertThat(activation.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(activation.get("superseded").asText()).isEqualTo("1");
        assertThat(activation.get("reason").asText()).isEqualTo("new limits");
        assertThat(versions()).extracting(v -> v.getVersion() + ":" + v.getStatus())
                .containsExactly("1:PUBLISHED", "2:ACTIVE");
        assertThat(versions()).extracting(PolicyVersion::getPublicationSeq).as("the publication seqs stay")
                .containsExactly(0L, 1L);

        assertThat(refusal(change(PolicyRequestType.ACTIVATE, CREDIT, "2", null))).as("active already")
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_STATUS_CONFLICT.name());

        CommandOutcome retired = request(change(PolicyRequestType.RETIRE, CREDIT, "1", "withdrawn"));
        assertThat(retired.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        JsonNode retirement = payload(retired.getReceipt().getSeq());
        assertThat(retirement.get("operation").asText()).isEqualTo("POLICY_RETIRED");
        assertThat(retirement.get("version").asText()).isEqualTo("1");
        assertThat(retirement.get("status").asText()).isEqualTo("RETIRED");
        assertThat(retirement.get("superseded").isNull()).isTrue();
        assertThat(retirement.get("document").isNull()).isTrue();
        assertThat(versions()).extracting(v -> v.getVersion() + ":" + v.getStatus())
                .containsExactly("1:RETIRED", "2:ACTIVE");
        assertThat(chain.entries()).hasSize(1);

        assertThat(refusal(change(PolicyRequestType.ACTIVATE, CREDIT, "1", null))).as("a retired version is never active again")
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_RETIRED.name());
        assertThat(refusal(change(PolicyRequestType.RETIRE, CREDIT, "1", null))).as("retired already")
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_STATUS_CONFLICT.name());
        assertThat(refusal(change(PolicyRequestType.ACTIVATE, CREDIT, "9", null)))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(refusal(change(PolicyRequestType.ACTIVATE, "unknown-policy", "1", null)))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(refusal(change(PolicyRequestType.RETIRE, CREDIT, "9", null)))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(chain.entries()).as("no refused request chains").isEmpty();

        CommandOutcome third = request(publish(CREDIT, "3", document(CREDIT, "3", "ctx.amount_eur > 3000"), true, null));
        assertThat(third.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(payload(third.getReceipt().getSeq()).get("superseded").asText())
                .as("an activating publication names the version it supersedes").isEqualTo("2");
        assertThat(request(change(PolicyRequestType.RETIRE, CREDIT, "3", null)).getStatus())
                .as("the active version may be retired").isEqualTo(OutcomeStatus.CHAINED);
        assertThat(versions()).extracting(v -> v.getVersion() + ":" + v.getStatus())
                .containsExactly("1:RETIRED", "2:PUBLISHED", "3:RETIRED");
        assertThat(chain.entries()).extracting(LedgerEntry::getEntryType)
                .containsExactly(EntryType.POLICY_OPERATION, EntryType.POLICY_OPERATION);
    }

    // Decisions recorded with their evaluation.

    @Test
    void shouldRecordTheEvaluationOfADecisionNamingTheActiveVersionAVersionOrAHash() {
        String v7 = document(CREDIT, "7", "ctx.amount_eur > 50000");
        String v8 = document(CREDIT, "8", "ctx.amount_eur > 10000");
        request(publish(CREDIT, "7", v7, true, null));
        request(publish(CREDIT, "8", v8, false, null));
        chain.entries();
        String hash7 = PolicyDocument.parse(v7.getBytes(StandardCharsets.UTF_8)).hash();
        String high = "{\"amount_eur\":60000,\"customer\":\"c-1\"}";
        String low = "{\"amount_eur\":20000}";

        CommandOutcome byId = decide("by-id", high, "null", evaluate(CREDIT, null, null, null));
        CommandOutcome byVersion = decide("by-version", low, "\"DENY\"", evaluate(CREDIT, "8", null, null));
        CommandOutcome byHash = decide("by-hash", low, "null", evaluate(null, null, hash7, null));

        assertThat(List.of(byId, byVersion, byHash)).extracting(CommandOutcome::getStatus)
                .containsOnly(OutcomeStatus.CHAINED);
        assertThat(chain.entries()).extracting(LedgerEntry::getEntryType).containsOnly(EntryType.DECISION).hasSize(3);

        JsonNode first = payload(byId.getReceipt().getSeq());
        assertThat(first.get("kind").asText()).isEqualTo("decision");
        assertThat(first.get("decision_id").asText()).isEqualTo("by-id");
        assertThat(first.get("decision").asText()).as("the evaluated outcome").isEqualTo("DENY");
        assertThat(first.get("context").toString()).isEqualTo(high);
        assertThat(first.get("violations")).hasSize(1);
        assertThat(first.get("violations").get(0).get("rule_id").asText()).isEqualTo("amount-over-limit");
        assertThat(first.get("violations").get(0).get("severity").asText()).isEqualTo("HIGH");
        assertThat(first.get("violations").get(0).get("message").asText()).isEqualTo("amount over 50000 EUR");
        assertThat(first.has("override")).isFalse();
        assertEvaluation(first, v7, high, "7");

        JsonNode second = payload(byVersion.getReceipt().getSeq());
        assertThat(second.get("decision").asText()).as("the client's outcome, which agrees").isEqualTo("DENY");
        assertThat(second.get("violations")).hasSize(1);
        assertThat(second.has("override")).as("an agreeing decision records no override").isFalse();
        assertEvaluation(second, v8, low, "8");

        JsonNode third = payload(byHash.getReceipt().getSeq());
        assertThat(third.get("decision").asText()).isEqualTo("APPROVE");
        assertThat(third.get("violations")).isEmpty();
        assertEvaluation(third, v7, low, "7");
    }

    @Test
    void shouldRefuseADecisionThatDiffersFromTheEvaluationUnlessItGivesAnOverrideReason() {
        String doc = document(CREDIT, "7", "ctx.amount_eur > 50000");
        request(publish(CREDIT, "7", doc, true, null));
        chain.entries();
        String context = "{\"amount_eur\":60000}";

        CommandOutcome mismatch = decide("d-1", context, "\"APPROVE\"", evaluate(CREDIT, null, null, null));

        assertThat(mismatch.getStatus()).isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(mismatch.getReason()).isEqualTo(RefusalCode.EVALUATION_MISMATCH.name());
        assertThat(chain.entries()).isEmpty();

        CommandOutcome overridden = decide("d-1", context, "\"APPROVE\"",
                evaluate(CREDIT, null, null, "collateral pledged, approved by the credit desk"));

        assertThat(overridden.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(chain.entries()).singleElement().satisfies(e -> assertThat(e.getEntryType()).isEqualTo(EntryType.DECISION));
        JsonNode payload = payload(overridden.getReceipt().getSeq());
        assertThat(payload.get("decision").asText()).as("recorded as given").isEqualTo("APPROVE");
        assertThat(payload.get("override").toString())
                .isEqualTo("{\"reason\":\"collateral pledged, approved by the credit desk\"}");
        assertThat(payload.get("evaluation").get("outcome").asText()).as("the evaluation untouched").isEqualTo("DENY");
        assertThat(payload.get("violations")).as("the evaluation's violations").hasSize(1);
        assertEvaluation(payload, doc, context, "7");

        assertThat(refusal(decisionCommand("d-2", context, "null", evaluate(CREDIT, null, null, "no decision to override"))))
                .as("an override reason without a decision")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());
        assertThat(chain.entries()).isEmpty();
    }

    @Test
    void shouldRefuseAnEvaluationOfAnUnknownRetiredOrInactivePolicyATooDeepContextOrAnIllFormedRequest() {
        String old = document("old-limit", "1", "ctx.amount_eur > 1");
        request(publish("old-limit", "1", old, true, null));
        request(change(PolicyRequestType.RETIRE, "old-limit", "1", null));
        request(publish(CREDIT, "7", document(CREDIT, "7", "ctx.amount_eur > 50000"), true, null));
        chain.entries();
        String oldHash = PolicyDocument.parse(old.getBytes(StandardCharsets.UTF_8)).hash();
        String context = "{\"amount_eur\":10}";

        assertThat(refusal(decisionCommand(null, context, "null", evaluate("unknown-policy", null, null, null))))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate(CREDIT, "6", null, null))))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate(null, null, "ab".repeat(32), null))))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_NOT_FOUND.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate("old-limit", null, null, null))))
                .as("its only version retired, named by id alone").isEqualTo("CONFLICT:" + RefusalCode.NO_ACTIVE_POLICY.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate("old-limit", "1", null, null))))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_RETIRED.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate(null, null, oldHash, null))))
                .isEqualTo("CONFLICT:" + RefusalCode.POLICY_RETIRED.name());

        assertThat(refusal(decisionCommand(null, nested(40), "null", evaluate(CREDIT, null, null, null))))
                .as("40 levels, over the engine's 32").isEqualTo("CONFLICT:" + RefusalCode.CONTEXT_TOO_DEEP.name());

        RecordDecision ownPolicy = decisionBody(null, context, "null", evaluate(CREDIT, null, null, null));
        ownPolicy.setPolicy(new PolicyRef(CREDIT, "7", null));
        assertThat(refusal(command(ownPolicy))).as("a policy of its own")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());
        RecordDecision ownViolations = decisionBody(null, context, "null", evaluate(CREDIT, null, null, null));
        ownViolations.setViolations(List.of(new Violation("amount-over-limit", Severity.HIGH, "over")));
        assertThat(refusal(command(ownViolations))).as("violations of its own")
                .isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate(CREDIT, null, oldHash, null))))
                .as("named two ways").isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());
        assertThat(refusal(decisionCommand(null, context, "null", evaluate(null, null, null, null))))
                .as("named no way").isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());
        assertThat(refusal(decisionCommand(null, context, "true", evaluate(CREDIT, null, null, null))))
                .as("a decision that is no outcome name").isEqualTo("CONFLICT:" + RefusalCode.INVALID_EVALUATION_REQUEST.name());

        assertThat(chain.entries()).as("no refused decision chains").isEmpty();
        assertThat(decide("fine", context, "null", evaluate(CREDIT, null, null, null)).getStatus())
                .isEqualTo(OutcomeStatus.CHAINED);
    }

    @Test
    void shouldRefuseAnEvaluationAgainstAVersionWhosePublicationPayloadIsGoneAsPolicyUnreadable() {
        CommandOutcome erased = request(publish(CREDIT, "7", document(CREDIT, "7", "ctx.amount_eur > 50000"), true, null));
        CommandOutcome sealed = request(publish(CREDIT, "8", document(CREDIT, "8", "ctx.amount_eur > 10000"), false, null));
        chain.entries();
        payloads.delete(StoreKeys.seq(TENANT, erased.getReceipt().getSeq()));
        KeyValueStore<Bytes, WrappedDataKey> keys = driver.getKeyValueStore(ChainStores.KEYS);
        PayloadEnvelope envelope = payloads.get(StoreKeys.seq(TENANT, sealed.getReceipt().getSeq()));
        keys.delete(StoreKeys.dataKey(TENANT, envelope.getKeyId()));

        assertThat(refusal(decisionCommand(null, "{\"amount_eur\":10}", "null", evaluate(CREDIT, null, null, null))))
                .as("the publication's payload erased").isEqualTo("CONFLICT:" + RefusalCode.POLICY_UNREADABLE.name());
        assertThat(refusal(decisionCommand(null, "{\"amount_eur\":10}", "null", evaluate(CREDIT, "8", null, null))))
                .as("the publication's data key destroyed").isEqualTo("CONFLICT:" + RefusalCode.POLICY_UNREADABLE.name());
        assertThat(chain.entries()).isEmpty();
    }

    @Test
    void shouldRefuseAWholeAtomicGroupWhenOneItemsEvaluationDiffersAndChainTheOthersOfAPlainGroup() {
        String doc = document(CREDIT, "7", "ctx.amount_eur > 50000");
        request(publish(CREDIT, "7", doc, true, null));
        chain.entries();
        String low = "{\"amount_eur\":20000}";
        String high = "{\"amount_eur\":60000}";

        chain.pipe(TENANT, group(true,
                decisionBody("a-plain", "{\"amount\":10}", "\"approve\"", null),
                decisionBody("a-agrees", low, "null", evaluate(CREDIT, null, null, null)),
                decisionBody("a-differs", high, "\"APPROVE\"", evaluate(CREDIT, null, null, null))));

        assertThat(chain.answers()).extracting(o -> o.getStatus() + ":" + o.getReason()).containsExactly(
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(),
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(),
                "CONFLICT:" + RefusalCode.EVALUATION_MISMATCH.name());
        assertThat(chain.entries()).isEmpty();

        chain.pipe(TENANT, group(false,
                decisionBody("p-plain", "{\"amount\":10}", "\"approve\"", null),
                decisionBody("p-agrees", low, "null", evaluate(CREDIT, null, null, null)),
                decisionBody("p-differs", high, "\"APPROVE\"", evaluate(CREDIT, null, null, null))));

        List<CommandOutcome> plain = chain.answers();
        assertThat(plain).extracting(o -> o.getStatus() + ":" + o.getReason()).containsExactly(
                "CHAINED:null", "CHAINED:null", "CONFLICT:" + RefusalCode.EVALUATION_MISMATCH.name());
        assertThat(chain.entries()).extracting(LedgerEntry::getEntryType).containsExactly(EntryType.DECISION, EntryType.DECISION);
        assertThat(payload(plain.get(0).getReceipt().getSeq()).has("evaluation")).as("recorded as given").isFalse();
        JsonNode agrees = payload(plain.get(1).getReceipt().getSeq());
        assertThat(agrees.get("decision").asText()).isEqualTo("APPROVE");
        assertEvaluation(agrees, doc, low, "7");

        chain.pipe(TENANT, group(true,
                decisionBody("b-deny", high, "\"DENY\"", evaluate(CREDIT, null, null, null)),
                decisionBody("b-approve", low, "null", evaluate(CREDIT, "7", null, null))));

        List<CommandOutcome> whole = chain.answers();
        assertThat(whole).extracting(CommandOutcome::getStatus).containsOnly(OutcomeStatus.CHAINED).hasSize(2);
        assertThat(payload(whole.get(0).getReceipt().getSeq()).get("decision").asText()).isEqualTo("DENY");
        assertThat(payload(whole.get(1).getReceipt().getSeq()).get("decision").asText()).isEqualTo("APPROVE");
        assertEvaluation(payload(whole.get(0).getReceipt().getSeq()), doc, high, "7");
    }

    /** Checks the payload's {@code policy} and {@code evaluation} against the engine's own evaluation of the context. */
    private void assertEvaluation(JsonNode payload, String document, String context, String version) {
        Evaluation expected = PolicyCompiler.compile(document.getBytes(StandardCharsets.UTF_8))
                .evaluate(context.getBytes(StandardCharsets.UTF_8));
        JsonNode policy = payload.get("policy");
        assertThat(policy.get("id").asText()).isEqualTo(CREDIT);
        assertThat(policy.get("version").asText()).isEqualTo(version);
        assertThat(policy.get("hash").asText()).isEqualTo(expected.policyHash())
                .isEqualTo(PolicyDocument.parse(document.getBytes(StandardCharsets.UTF_8)).hash());
        JsonNode evaluation = payload.get("evaluation");
        assertThat(evaluation.get("engine").asText()).isEqualTo(expected.engineVersion());
        assertThat(evaluation.get("policy_hash").asText()).isEqualTo(expected.policyHash());
        assertThat(evaluation.get("context_hash").asText()).isEqualTo(expected.contextHash());
        assertThat(evaluation.get("outcome").asText()).isEqualTo(expected.outcome());
        assertThat(evaluation.get("errors")).isEmpty();
        assertThat(evaluation.get("evaluation_hash").asText()).isEqualTo(expected.evaluationHash());
        List<String> violations = new ArrayList<>();
        payload.get("violations").forEach(v -> violations.add(v.get("rule_id").asText() + "/" + v.get("severity").asText()
                + "/" + v.get("message").asText()));
        assertThat(violations).containsExactlyElementsOf(expected.violations().stream()
                .map(v -> v.ruleId() + "/" + v.severity().name() + "/" + v.message()).toList());
    }

    /** The opened payload of the tenant's entry at {@code seq}, which is canonical JSON. */
    private JsonNode payload(long seq) {
        byte[] bytes = TestCrypto.open(TestCrypto.opener(crypto, driver), TENANT, seq, payloads.get(StoreKeys.seq(TENANT, seq)))
                .bytesOrNull();
        assertThat(CanonicalJson.isCanonical(bytes)).as("payload %d is canonical JSON", seq).isTrue();
        return CanonicalJson.parseStrict(bytes);
    }

    private List<PolicyVersion> versions() {
        PolicyRegistry registry = policies.get(TENANT);
        return registry == null ? List.of() : registry.getVersions();
    }

    /** A first_match policy with one rule: DENY when {@code condition} holds, APPROVE otherwise; canonical text. */
    private static String document(String policyId, String version, String condition) {
        return CanonicalJson.canonicalText("{\"policy_id\":\"" + policyId + "\",\"version\":\"" + version + "\","
                + "\"outcome\":{\"mode\":\"first_match\",\"default\":\"APPROVE\"},"
                + "\"rules\":[{\"id\":\"amount-over-limit\",\"severity\":\"HIGH\",\"message\":\"amount over 50000 EUR\","
                + "\"condition\":\"" + condition + "\",\"outcome\":\"DENY\"}]}");
    }

    /** A context object nesting {@code levels} levels deep (the context itself is level 1). */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    private CommandOutcome request(LedgerCommand command) {
        chain.pipe(TENANT, command);
        return chain.answers().get(0);
    }

    /** {@code status:reason} of the answer to {@code command}. */
    private String refusal(LedgerCommand command) {
        CommandOutcome outcome = request(command);
        return outcome.getStatus() + ":" + outcome.getReason();
    }

    private CommandOutcome decide(String decisionId, String context, String decisionJson, PolicyEvaluationRequest evaluate) {
        return request(decisionCommand(decisionId, context, decisionJson, evaluate));
    }

    private static LedgerCommand decisionCommand(String decisionId, String context, String decisionJson,
                                                 PolicyEvaluationRequest evaluate) {
        return command(decisionBody(decisionId, context, decisionJson, evaluate));
    }

    private static RecordDecision decisionBody(String decisionId, String context, String decisionJson,
                                               PolicyEvaluationRequest evaluate) {
        return RecordDecision.newBuilder().setDecisionId(decisionId).setContextJson(context).setDecisionJson(decisionJson)
                .setViolations(List.of()).setEvidence(List.of()).setEvaluate(evaluate).build();
    }

    private static PolicyEvaluationRequest evaluate(String policyId, String version, String policyHash, String overrideReason) {
        return new PolicyEvaluationRequest(policyId, version, policyHash, overrideReason);
    }

    private static LedgerCommand publish(String policyId, String version, String documentJson, boolean activate, String reason) {
        return operatorCommand(new PolicyRequest(PolicyRequestType.PUBLISH, policyId, version, documentJson, activate, reason));
    }

    private static LedgerCommand change(PolicyRequestType type, String policyId, String version, String reason) {
        return operatorCommand(new PolicyRequest(type, policyId, version, null, false, reason));
    }

    private static LedgerCommand group(boolean atomic, RecordDecision... decisions) {
        List<GroupItem> items = new ArrayList<>();
        for (RecordDecision decision : decisions) {
            LedgerCommand single = command(decision);
            items.add(GroupItem.newBuilder().setCommandId(single.getCommandId()).setIdempotencyKey(single.getIdempotencyKey())
                    .setCorrelationId(single.getCorrelationId()).setActor(single.getActor())
                    .setReceivedAt(single.getReceivedAt()).setDecision(decision).build());
        }
        return envelope(ActorKind.API_KEY, "key-1", new DecisionGroup(atomic, items));
    }

    private static LedgerCommand command(RecordDecision decision) {
        return envelope(ActorKind.API_KEY, "key-1", decision);
    }

    private static LedgerCommand operatorCommand(Object body) {
        return envelope(ActorKind.OPERATOR, null, body);
    }

    private static LedgerCommand envelope(ActorKind kind, String keyId, Object body) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(TENANT)
                .setIdempotencyKey("k-" + UUID.randomUUID())
                .setCorrelationId("corr")
                .setActor(Actor.newBuilder().setKind(kind).setKeyId(keyId).build())
                .setReceivedAt(Instant.now())
                .setBody(body)
                .build();
    }
}
