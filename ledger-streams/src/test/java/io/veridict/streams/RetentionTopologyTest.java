package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionRequestType;
import io.veridict.schemas.avro.RetentionRule;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.streams.chain.ChainProcessor;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.retention.RetentionChanges;
import io.veridict.streams.retention.RetentionRules;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two-person rule on retention, tried every way around on the production topology. */
class RetentionTopologyTest {

    private static final long DAY = 86_400;
    private static final List<String> COMPLIANCE = List.of("retention:read", "retention:manage", "retention:approve");

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 3, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();
    private final LedgerCrypto crypto = TestCrypto.crypto();
    private TopologyTestDriver driver;
    private ChainOutputs chain;
    private KeyValueStore<String, RetentionState> state;

    @BeforeEach
    void startDriver() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "retention-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(), crypto), props,
                Instant.now());
        chain = new ChainOutputs(driver, topics, serdes);
        state = driver.getKeyValueStore(ChainStores.RETENTION);
        key("alice-1", "alice", COMPLIANCE);
        key("alice-2", "alice", COMPLIANCE);
        key("bob-1", "bob", COMPLIANCE);
        key("bob-read", "bob", List.of("retention:read"));
        key("carol-1", "carol", COMPLIANCE);
        chain.answers();
        chain.entries();
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldPutALongerPolicyInForceAtOnceAndMakeAShorterOneWaitForASecondHolder() {
        assertThat(request("alice-1", change(rule("DECISION", null, 365 * DAY)))).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(version()).as("from forever to a year shortens: a proposal").isZero();
        String shorter = lastCommandId;
        assertThat(state.get("acme").getPending()).singleElement()
                .satisfies(p -> assertThat(p.getProposerHolder()).isEqualTo("alice"));

        assertThat(approve("alice-1", shorter)).as("the proposer's own key").isEqualTo(RefusalCode.SELF_APPROVAL.name());
        assertThat(approve("alice-2", shorter)).as("another key of the same holder").isEqualTo(RefusalCode.SELF_APPROVAL.name());
        assertThat(approve("bob-read", shorter)).as("a key without retention:approve")
                .isEqualTo(RefusalCode.APPROVER_NOT_ALLOWED.name());
        assertThat(version()).isZero();

        assertThat(request("bob-1", new RetentionRequest(RetentionRequestType.APPROVE, null, shorter, "ok", null, null, null, null)))
                .isEqualTo(OutcomeStatus.CHAINED);
        assertThat(version()).isEqualTo(1);
        assertThat(state.get("acme").getPending()).isEmpty();
        assertThat(approve("carol-1", shorter)).as("approved once").isEqualTo(RefusalCode.PROPOSAL_NOT_FOUND.name());

        assertThat(request("alice-1", change(rule("DECISION", null, 730 * DAY)))).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(version()).as("lengthening takes effect at once").isEqualTo(2);
        List<LedgerEntry> entries = chain.entries();
        assertThat(entries).extracting(LedgerEntry::getEntryType).containsOnly(EntryType.RETENTION_OPERATION).hasSize(3);
    }

    @Test
    void shouldRefuseARevokedApproverAStaleProposalAndAnExpiredOne() {
        request("alice-1", change(rule("DECISION", null, 30 * DAY)));
        String first = lastCommandId;
        request("alice-1", change(rule("DECISION", "marketing", 10 * DAY)));
        String second = lastCommandId;

        revoke("bob-1");
        assertThat(approve("bob-1", first)).as("a revoked approver").isEqualTo(RefusalCode.APPROVER_NOT_ALLOWED.name());
        assertThat(approve("carol-1", first)).isEqualTo(null);
        assertThat(approve("carol-1", second)).as("proposed against the policy before the first took effect")
                .isEqualTo(RefusalCode.PROPOSAL_STALE.name());

        request("alice-1", new RetentionRequest(RetentionRequestType.CHANGE_POLICY,
                new RetentionPolicy(List.of(rule("DECISION", null, 30 * DAY), rule("DECISION", "marketing", DAY))), null, null,
                Instant.now().plusSeconds(5), null, null, null));
        String third = lastCommandId;
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(state.get("acme").getPending()).extracting(p -> p.getProposalId()).doesNotContain(third);
        assertThat(chain.entries()).last().satisfies(e -> assertThat(e.getEntryType()).isEqualTo(EntryType.RETENTION_OPERATION));
        assertThat(approve("carol-1", third)).as("expired and recorded as such").isEqualTo(RefusalCode.PROPOSAL_NOT_FOUND.name());
    }

    @Test
    void shouldRefuseADecisionLabelledForNoRuleAndKeepTheLabelInTheOrigin() {
        assertThat(decision("marketing")).as("no rule names it").isEqualTo(RefusalCode.UNKNOWN_RETENTION_LABEL.name());
        request("alice-1", change(rule("DECISION", "marketing", 365 * DAY)));
        request("bob-1", new RetentionRequest(RetentionRequestType.APPROVE, null, lastCommandId, null, null, null, null, null));
        chain.entries();

        assertThat(decision("marketing")).isNull();
        assertThat(chain.runs()).singleElement().satisfies(run -> assertThat(run.value.getEntries().get(0).getOrigin()
                .getRetentionLabel()).isEqualTo("marketing"));
        assertThat(decision("billing")).isEqualTo(RefusalCode.UNKNOWN_RETENTION_LABEL.name());
    }

    /** The refusal reason of a decision labelled {@code label}, or null when it chained. */
    private String decision(String label) {
        chain.pipe("acme", command("alice-1", io.veridict.schemas.avro.RecordDecision.newBuilder().setContextJson("{}")
                .setDecisionJson("true").setViolations(List.of()).setEvidence(List.of()).setRetentionLabel(label).build()));
        CommandOutcome outcome = chain.answers().get(0);
        return outcome.getStatus() == OutcomeStatus.CHAINED ? null : outcome.getReason();
    }

    @Test
    void shouldPlaceAHoldAtOnceAndLiftItOnlyWithASecondHolder() {
        LegalHold asked = new LegalHold("", false, List.of(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), List.of("marketing"), "case 2026-17");
        assertThat(request("alice-1", new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, "case 2026-17", null,
                asked, null, null))).isEqualTo(OutcomeStatus.CHAINED);
        String hold = lastCommandId;
        assertThat(state.get("acme").getHolds()).singleElement().satisfies(h -> assertThat(h.getHoldId()).isEqualTo(hold));
        assertThat(request("alice-1", new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, null, null,
                new LegalHold("", true, List.of(), Instant.EPOCH, null, List.of(), null), null, null)))
                .as("two kinds of cover at once").isEqualTo(OutcomeStatus.CONFLICT);

        assertThat(request("alice-1", new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, null, null, null, hold, null)))
                .isEqualTo(OutcomeStatus.CHAINED);
        String lift = lastCommandId;
        assertThat(request("alice-2", new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, null, null, null, hold, null)))
                .as("one lift at a time").isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(approve("alice-2", lift)).isEqualTo(RefusalCode.SELF_APPROVAL.name());
        assertThat(state.get("acme").getHolds()).hasSize(1);
        assertThat(approve("bob-1", lift)).isNull();
        assertThat(state.get("acme").getHolds()).isEmpty();
        assertThat(request("alice-1", new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, null, null, null, hold, null)))
                .as("lifted already").isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(RetentionRules.covers(asked, Instant.parse("2026-01-15T00:00:00Z"), "marketing", null)).isTrue();
        assertThat(RetentionRules.covers(asked, Instant.parse("2026-01-15T00:00:00Z"), null, null)).isFalse();
        assertThat(RetentionRules.covers(asked, Instant.parse("2026-02-01T00:00:00Z"), "marketing", null)).isFalse();
    }

    @Test
    void shouldEraseThePayloadsPastTheirRetentionThatNoHoldCoversInOneRecordedRun() {
        request("alice-1", change(rule("DECISION", null, 10)));
        request("bob-1", new RetentionRequest(RetentionRequestType.APPROVE, null, lastCommandId, null, null, null, null, null));
        for (String id : List.of("d-0", "d-1", "d-2")) {
            chain.pipe("acme", command("alice-1", io.veridict.schemas.avro.RecordDecision.newBuilder().setDecisionId(id)
                    .setContextJson("{}").setDecisionJson("true").setViolations(List.of()).setEvidence(List.of()).build()));
        }
        List<LedgerEntry> decisions = chain.entries().stream().filter(e -> e.getEntryType() == EntryType.DECISION).toList();
        assertThat(decisions).hasSize(3);
        request("alice-1", new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, null, null,
                new LegalHold("", false, List.of(new io.veridict.schemas.avro.Sha256(
                        io.veridict.streams.chain.StoreKeys.digest("d-1"))), null, null, List.of(), null), null, null));
        assertThat(request("alice-1", apply())).as("nothing due yet").isEqualTo(OutcomeStatus.CONFLICT);
        chain.answers();
        var tombstones = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(),
                serdes.payloads().deserializer());
        tombstones.readRecordsToList();

        driver.advanceWallClockTime(Duration.ofSeconds(11));
        assertThat(request("alice-1", apply())).isEqualTo(OutcomeStatus.CHAINED);

        KeyValueStore<org.apache.kafka.common.utils.Bytes, io.veridict.schemas.avro.PayloadEnvelope> payloads =
                driver.getKeyValueStore(ChainStores.PAYLOADS);
        long d0 = decisions.get(0).getSeq();
        long d1 = decisions.get(1).getSeq();
        long d2 = decisions.get(2).getSeq();
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", d0))).isNull();
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", d1))).as("held").isNotNull();
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", d2))).isNull();
        assertThat(tombstones.readRecordsToList()).filteredOn(r -> r.value() == null).extracting(r -> r.key().getSeq())
                .containsExactly(d0, d2);
        List<LedgerEntry> written = chain.entries();
        LedgerEntry applied = written.get(written.size() - 1);
        assertThat(applied.getEntryType()).isEqualTo(EntryType.RETENTION_OPERATION);
        String payload = new String(TestCrypto.open(TestCrypto.opener(crypto, driver), "acme", applied.getSeq(),
                payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", applied.getSeq()))).bytesOrNull(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", applied.getSeq())).getKeyId())
                .as("an erasure record is stored unsealed").isNull();
        assertThat(payload).contains("\"operation\":\"RETENTION_APPLIED\"", "\"erased\":2", "\"held\":1",
                "\"ranges\":[[" + d0 + "," + d0 + "],[" + d2 + "," + d2 + "]]");
        assertThat(request("alice-1", apply())).as("erased once").isEqualTo(OutcomeStatus.CONFLICT);
    }

    @Test
    void shouldEraseADecisionOrASubjectOnlyWithASecondHolderAndNeverUnderAHold() {
        recordDecision("d-0", "subject-7");
        recordDecision("d-1", "subject-7");
        recordDecision("d-2", null);
        recordDecision("d-3", "subject-8");
        List<io.veridict.schemas.avro.RunEntry> recorded = chain.runs().stream().flatMap(r -> r.value.getEntries().stream())
                .filter(e -> e.getHeader().getEntryType() == EntryType.DECISION).toList();
        List<LedgerEntry> decisions = recorded.stream().map(io.veridict.schemas.avro.RunEntry::getHeader).toList();
        KeyValueStore<org.apache.kafka.common.utils.Bytes, io.veridict.schemas.avro.PayloadEnvelope> payloads =
                driver.getKeyValueStore(ChainStores.PAYLOADS);
        var tombstones = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(),
                serdes.payloads().deserializer());
        tombstones.readRecordsToList();

        assertThat(erase("alice-1", "never-recorded", null)).isEqualTo(RefusalCode.DECISION_NOT_FOUND.name());
        assertThat(erase("alice-1", null, "subject-unknown")).isEqualTo(RefusalCode.NOTHING_TO_ERASE.name());
        assertThat(erase("alice-1", "d-2", null)).isNull();
        String proposal = lastCommandId;
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", decisions.get(2).getSeq())))
                .as("a proposal erases nothing").isNotNull();
        assertThat(approve("alice-2", proposal)).as("two keys of one holder").isEqualTo(RefusalCode.SELF_APPROVAL.name());
        assertThat(approve("bob-read", proposal)).as("no retention:approve").isEqualTo(RefusalCode.APPROVER_NOT_ALLOWED.name());
        assertThat(approve("bob-1", proposal)).isNull();
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", decisions.get(2).getSeq()))).isNull();
        assertThat(erase("alice-1", "d-2", null)).as("erased already").isEqualTo(RefusalCode.NOTHING_TO_ERASE.name());
        assertThat(approve("carol-1", proposal)).as("approved once").isEqualTo(RefusalCode.PROPOSAL_NOT_FOUND.name());

        // Every decision of subject-7, and only those; d-1 comes under a hold between proposal and approval.
        assertThat(erase("carol-1", null, "subject-7")).isNull();
        String bySubject = lastCommandId;
        request("alice-1", new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, null, null,
                new LegalHold("", false, List.of(new io.veridict.schemas.avro.Sha256(
                        io.veridict.streams.chain.StoreKeys.digest("d-1"))), null, null, List.of(), null), null, null));
        String hold = lastCommandId;
        assertThat(approve("bob-1", bySubject)).as("held since the proposal").isEqualTo(RefusalCode.ERASURE_UNDER_HOLD.name());
        assertThat(erase("carol-1", "d-1", null)).as("held").isEqualTo(RefusalCode.ERASURE_UNDER_HOLD.name());
        request("carol-1", new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, null, null, null, hold, null));
        assertThat(approve("bob-1", lastCommandId)).isNull();
        tombstones.readRecordsToList();
        assertThat(approve("bob-1", bySubject)).isNull();

        assertThat(tombstones.readRecordsToList()).filteredOn(r -> r.value() == null).extracting(r -> r.key().getSeq())
                .containsExactly(decisions.get(0).getSeq(), decisions.get(1).getSeq());
        assertThat(payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme", decisions.get(3).getSeq()))).isNotNull();
        List<LedgerEntry> written = chain.entries();
        LedgerEntry applied = written.get(written.size() - 1);
        io.veridict.schemas.avro.PayloadEnvelope record = payloads.get(io.veridict.streams.chain.StoreKeys.seq("acme",
                applied.getSeq()));
        assertThat(record.getKeyId()).as("an erasure record is stored unsealed").isNull();
        String text = java.nio.charset.StandardCharsets.UTF_8.decode(record.getCiphertext().duplicate()).toString();
        assertThat(text).contains("\"operation\":\"ERASURE_APPLIED\"", "\"proposed_by\":\"carol\"",
                "\"decided_by\":\"bob\"", "\"erased\":2", "\"reason\":null").doesNotContain("subject-7");
        assertThat(recorded).extracting(e -> e.getOrigin().getSubjectDigest() == null ? null
                        : java.util.HexFormat.of().formatHex(e.getOrigin().getSubjectDigest().bytes()))
                .as("the subject is indexed by a keyed digest, never in clear").doesNotContain("subject-7")
                .satisfies(d -> {
                    assertThat(d.get(0)).isNotNull().isEqualTo(d.get(1)).isNotEqualTo(d.get(3));
                    assertThat(d.get(2)).isNull();
                    assertThat(d.get(0)).isNotEqualTo(java.util.HexFormat.of().formatHex(
                            io.veridict.streams.chain.StoreKeys.digest("subject-7")));
                });
    }

    @Test
    void shouldDeleteATenantOnlyWithASecondHolderAndNoHold() {
        recordDecision("t-0", "subject-1");
        recordDecision("t-1", null);
        List<LedgerEntry> decisions = chain.entries().stream().filter(e -> e.getEntryType() == EntryType.DECISION).toList();
        KeyValueStore<org.apache.kafka.common.utils.Bytes, io.veridict.schemas.avro.PayloadEnvelope> payloads =
                driver.getKeyValueStore(ChainStores.PAYLOADS);
        KeyValueStore<org.apache.kafka.common.utils.Bytes, io.veridict.schemas.avro.WrappedDataKey> keys =
                driver.getKeyValueStore(ChainStores.KEYS);
        var tombstones = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(),
                serdes.payloads().deserializer());
        // An earlier erasure leaves an erasure record, which the deletion must keep.
        assertThat(erase("alice-1", "t-1", null)).isNull();
        assertThat(approve("bob-1", lastCommandId)).isNull();
        long record = chain.entries().stream().filter(e -> e.getEntryType() == EntryType.RETENTION_OPERATION)
                .mapToLong(LedgerEntry::getSeq).max().orElseThrow();
        request("alice-1", new RetentionRequest(RetentionRequestType.PLACE_HOLD, null, null, null, null,
                new LegalHold("", true, List.of(), null, null, List.of(), null), null, null));
        String hold = lastCommandId;
        assertThat(deleteTenant("alice-1")).as("a hold in force").isEqualTo(RefusalCode.ERASURE_UNDER_HOLD.name());
        request("alice-1", new RetentionRequest(RetentionRequestType.LIFT_HOLD, null, null, null, null, null, hold, null));
        assertThat(approve("bob-1", lastCommandId)).isNull();
        assertThat(keys.get(io.veridict.streams.chain.StoreKeys.dataKey("acme", io.veridict.streams.crypto.SubjectKeys.KEY_ID)))
                .as("the subject key").isNotNull();
        tombstones.readRecordsToList();

        assertThat(deleteTenant("alice-1")).isNull();
        String deletion = lastCommandId;
        assertThat(approve("alice-2", deletion)).isEqualTo(RefusalCode.SELF_APPROVAL.name());
        assertThat(approve("bob-1", deletion)).isNull();

        List<Long> erased = tombstones.readRecordsToList().stream().filter(r -> r.value() == null)
                .map(r -> r.key().getSeq()).toList();
        assertThat(erased).contains(decisions.get(0).getSeq()).doesNotContain(record);
        try (var left = payloads.range(io.veridict.streams.chain.StoreKeys.seq("acme", 0),
                io.veridict.streams.chain.StoreKeys.seq("acme", Long.MAX_VALUE))) {
            List<io.veridict.schemas.avro.PayloadEnvelope> kept = new java.util.ArrayList<>();
            left.forEachRemaining(kv -> kept.add(kv.value));
            assertThat(kept).as("only erasure records stay, unsealed").hasSize(2).allSatisfy(e -> assertThat(e.getKeyId()).isNull());
        }
        try (var left = keys.all()) {
            assertThat(left.hasNext()).as("every data key and the subject key destroyed").isFalse();
        }
        chain.pipe("acme", command("alice-1", io.veridict.schemas.avro.RecordDecision.newBuilder().setDecisionId("late")
                .setContextJson("{}").setDecisionJson("true").setViolations(List.of()).setEvidence(List.of()).build()));
        assertThat(chain.answers().get(0).getReason()).isEqualTo(RefusalCode.TENANT_DELETED.name());
    }

    /** The refusal reason of a tenant deletion request, or null when it was proposed. */
    private String deleteTenant(String keyId) {
        LedgerCommand command = command(keyId, new RetentionRequest(RetentionRequestType.ERASE, null, null, "offboarding",
                null, null, null, new io.veridict.schemas.avro.ErasureRequest(null, null, true)));
        lastCommandId = command.getCommandId();
        chain.pipe("acme", command);
        CommandOutcome outcome = chain.answers().get(0);
        return outcome.getStatus() == OutcomeStatus.CHAINED ? null : outcome.getReason();
    }

    private void recordDecision(String id, String subject) {
        chain.pipe("acme", command("alice-1", io.veridict.schemas.avro.RecordDecision.newBuilder().setDecisionId(id)
                .setContextJson("{}").setDecisionJson("true").setViolations(List.of()).setEvidence(List.of())
                .setSubject(subject).build()));
        assertThat(chain.answers().get(0).getStatus()).isEqualTo(OutcomeStatus.CHAINED);
    }

    /** The refusal reason of an erasure request, or null when it was proposed. */
    private String erase(String keyId, String decisionId, String subject) {
        LedgerCommand command = command(keyId, new RetentionRequest(RetentionRequestType.ERASE, null, null, "asked by the subject",
                null, null, null, new io.veridict.schemas.avro.ErasureRequest(decisionId, subject, false)));
        lastCommandId = command.getCommandId();
        chain.pipe("acme", command);
        CommandOutcome outcome = chain.answers().get(0);
        return outcome.getStatus() == OutcomeStatus.CHAINED ? null : outcome.getReason();
    }

    private static RetentionRequest apply() {
        return new RetentionRequest(RetentionRequestType.APPLY, null, null, null, null, null, null, null);
    }

    private String lastCommandId;

    private OutcomeStatus request(String keyId, RetentionRequest body) {
        LedgerCommand command = command(keyId, body);
        lastCommandId = command.getCommandId();
        chain.pipe("acme", command);
        return chain.answers().get(0).getStatus();
    }

    /** The refusal reason of an approval, or null when it chained. */
    private String approve(String keyId, String proposalId) {
        chain.pipe("acme", command(keyId, new RetentionRequest(RetentionRequestType.APPROVE, null, proposalId, null, null, null, null, null)));
        CommandOutcome outcome = chain.answers().get(0);
        return outcome.getStatus() == OutcomeStatus.CHAINED ? null : outcome.getReason();
    }

    private int version() {
        RetentionState s = state.get("acme");
        return s == null ? 0 : s.getPolicyVersion();
    }

    private static RetentionRequest change(RetentionRule... rules) {
        return new RetentionRequest(RetentionRequestType.CHANGE_POLICY, new RetentionPolicy(List.of(rules)), null, null, null, null, null, null);
    }

    private static RetentionRule rule(String type, String label, long seconds) {
        return new RetentionRule(type, label, seconds);
    }

    private void key(String keyId, String holder, List<String> scopes) {
        chain.pipe("acme", command(null, new KeyOperation(KeyOperationType.CREATED, keyId, scopes, null, null,
                ByteBuffer.wrap(new byte[32]), null, holder)));
    }

    private void revoke(String keyId) {
        chain.pipe("acme", command(null, new KeyOperation(KeyOperationType.REVOKED, keyId, COMPLIANCE, null, null, null,
                null, null)));
        chain.answers();
    }

    private static LedgerCommand command(String keyId, Object body) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId("acme")
                .setIdempotencyKey("k-" + UUID.randomUUID())
                .setCorrelationId("corr")
                .setActor(Actor.newBuilder().setKind(keyId == null ? ActorKind.OPERATOR : ActorKind.API_KEY).setKeyId(keyId).build())
                .setReceivedAt(Instant.now())
                .setBody(body)
                .build();
    }
}
