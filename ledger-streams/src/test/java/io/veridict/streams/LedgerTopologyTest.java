package io.veridict.streams;

import io.veridict.verifier.AvroHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.ChainVerification;
import io.veridict.schemas.format.ChainVerifier;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.streams.chain.ChainProcessor;
import io.veridict.streams.chain.Receipts;
import io.veridict.streams.errors.DeadLetterHeaders;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTopologyTest {

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 3, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();
    private final io.veridict.streams.crypto.LedgerCrypto crypto = TestCrypto.crypto();
    private TopologyTestDriver driver;
    private ChainOutputs chain;
    private TestInputTopic<byte[], byte[]> rawCommands;
    private TestOutputTopic<EntryKey, PayloadEnvelope> payloads;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The test driver commits after every record; exactly-once adds nothing here and
        // would hold back the records the deserialisation handler produces.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(), crypto), props);
        chain = new ChainOutputs(driver, topics, serdes);
        rawCommands = driver.createInputTopic(topics.commands().name(), new ByteArraySerializer(), new ByteArraySerializer());
        payloads = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(), serdes.payloads().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldChainEachTenantGaplesslyFromZeroIntoAVerifiableChain() {
        chain.pipe("acme", Commands.decision("acme", "k1"));
        chain.pipe("globex", Commands.decision("globex", "k1"));
        chain.pipe("acme", Commands.decision("acme", "k2"));
        chain.pipe("acme", Commands.decision("acme", "k3"));

        List<LedgerEntry> written = chain.entries();
        List<TestRecord<EntryKey, PayloadEnvelope>> bodies = payloads.readRecordsToList();
        assertThat(written).extracting(e -> e.getTenantId() + "/" + e.getSeq())
                .containsExactly("acme/0", "globex/0", "acme/1", "acme/2");
        assertThat(bodies).extracting(r -> r.key().getTenantId() + "/" + r.key().getSeq())
                .containsExactly("acme/0", "globex/0", "acme/1", "acme/2");
        LedgerEntry first = written.get(0);
        assertThat(first.getPrevChainHash().bytes()).isEqualTo(LedgerHashes.genesis("acme"));
        assertThat(first.getActorKeyId()).isEqualTo("key-1");
        assertThat(first.getCorrelationId()).isEqualTo("corr-k1");

        ChainVerifier verifier = ChainVerifier.fromGenesis("acme");
        var opener = TestCrypto.opener(crypto, driver);
        List<String> salts = new java.util.ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            PayloadEnvelope envelope = bodies.get(i).value();
            assertThat(envelope.getKeyId()).as("sealed under a tenant data key").isNotNull();
            assertThat(envelope.getSalt()).as("the salt is sealed with the payload, not beside it").isNull();
            var opened = TestCrypto.open(opener, written.get(i).getTenantId(), written.get(i).getSeq(), envelope);
            assertThat(opened.saltOrNull()).as("a 32-byte salt per entry").hasSize(32);
            salts.add(java.util.HexFormat.of().formatHex(opened.saltOrNull()));
            if (written.get(i).getTenantId().equals("acme")) {
                verifier.accept(AvroHeaders.fromAvro(written.get(i)), opened.bytesOrNull(), opened.saltOrNull(), i);
            }
        }
        ChainVerification result = verifier.finish();
        assertThat(result.isValid()).as(result.failure().map(Object::toString).orElse("")).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(written).extracting(LedgerEntry::getFormatVersion).containsOnly(LedgerFormat.CURRENT_VERSION);
        assertThat(salts).as("no two entries share a salt").doesNotHaveDuplicates();
        byte[] first0 = TestCrypto.open(opener, "acme", 0, bodies.get(0).value()).bytesOrNull();
        assertThat(new String(first0, StandardCharsets.UTF_8))
                .startsWith("{\"context\":{\"amount\":10},\"decision\":\"approve\",");
        assertThat(new String(bodies.get(0).value().getCiphertext().array(), StandardCharsets.ISO_8859_1))
                .as("nothing of the payload in clear").doesNotContain("approve");
    }

    @Test
    void shouldRefuseADecisionWhoseJsonPartsAreNotJsonAndKeepChainingTheRest() {
        for (String bad : List.of("not json", "{\"a\":1,\"a\":2}", "{\"n\":9007199254740993}", "")) {
            LedgerCommand context = Commands.decision("acme", "bad-context-" + bad.length(), null, "\"approve\"");
            ((io.veridict.schemas.avro.RecordDecision) context.getBody()).setContextJson(bad);
            chain.pipe("acme", context);
            LedgerCommand decision = Commands.decision("acme", "bad-decision-" + bad.length(), null, bad);
            chain.pipe("acme", decision);
            LedgerCommand metadata = Commands.decision("acme", "bad-metadata-" + bad.length(), null, "1");
            ((io.veridict.schemas.avro.RecordDecision) metadata.getBody()).setMetadataJson(bad);
            chain.pipe("acme", metadata);
        }
        chain.pipe("acme", Commands.decision("acme", "good"));

        List<CommandOutcome> answers = chain.answers();
        assertThat(answers).hasSize(13);
        assertThat(answers.subList(0, 12)).allSatisfy(answer -> {
            assertThat(answer.getStatus()).isEqualTo(OutcomeStatus.CONFLICT);
            assertThat(answer.getReason()).isEqualTo(RefusalCode.INVALID_DECISION.name());
        });
        assertThat(answers.get(12).getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(chain.entries()).extracting(LedgerEntry::getSeq).as("only the good decision, at seq 0").containsExactly(0L);
    }

    @Test
    void shouldWriteAChainedCommandAsOneRunWhoseEntryCarriesItsOriginAndNoOutcomeRecord() {
        LedgerCommand command = Commands.decision("acme", "k1", "dec-7", "true");
        chain.pipe("acme", command);

        CommandOutcome outcome = chain.answers().get(0);
        List<org.apache.kafka.streams.KeyValue<EntryKey, io.veridict.schemas.avro.EntryRun>> runs = chain.runs();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.key).isEqualTo(new EntryKey("acme", 0L));
            assertThat(run.value.getEntries()).hasSize(1);
        });
        io.veridict.schemas.avro.RunEntry chained = runs.get(0).value.getEntries().get(0);
        assertThat(chained.getOrigin().getCommandId()).isEqualTo(command.getCommandId());
        assertThat(chained.getOrigin().getIdempotencyDigest().bytes()).isEqualTo(sha256("k1"));
        assertThat(chained.getOrigin().getDecisionDigest().bytes()).isEqualTo(sha256("dec-7"));
        assertThat(driver.createOutputTopic(topics.receipts().name(), new StringDeserializer(),
                serdes.outcomes().deserializer()).isEmpty()).as("no outcome record for a chained command").isTrue();
        LedgerEntry entry = chained.getHeader();
        assertThat(outcome.getCommandId()).isEqualTo(command.getCommandId());
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CHAINED);
        assertThat(outcome.getReceipt().getSeq()).isZero();
        assertThat(outcome.getReceipt().getDecisionId()).isEqualTo("dec-7");
        assertThat(outcome.getReceipt().getEntryId()).isEqualTo(entry.getEntryId());
        assertThat(outcome.getReceipt().getChainHash()).isEqualTo(entry.getChainHash());
        assertThat(outcome.getReceipt().getLeafHash()).isEqualTo(entry.getLeafHash());
    }

    @Test
    void shouldAnswerARetryWithTheOriginalReceiptAndNeverChainItTwice() {
        chain.pipe("acme", Commands.decision("acme", "k1"));
        chain.pipe("acme", Commands.decision("acme", "k1"));

        List<CommandOutcome> answers = chain.answers();
        assertThat(answers).extracting(CommandOutcome::getStatus).containsExactly(OutcomeStatus.CHAINED, OutcomeStatus.DUPLICATE);
        assertThat(answers.get(1).getReceipt()).isEqualTo(answers.get(0).getReceipt());
        assertThat(chain.entries()).hasSize(1);
    }

    @Test
    void shouldRefuseAReusedIdempotencyKeyWithADifferentRequest() {
        chain.pipe("acme", Commands.decision("acme", "k1", null, "\"approve\""));
        chain.pipe("acme", Commands.decision("acme", "k1", null, "\"deny\""));

        List<CommandOutcome> answers = chain.answers();
        assertThat(answers.get(1).getStatus()).isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(answers.get(1).getReason()).isEqualTo(RefusalCode.IDEMPOTENCY_KEY_REUSED.name());
        assertThat(answers.get(1).getReceipt()).isNull();
        assertThat(chain.entries()).hasSize(1);
    }

    @Test
    void shouldRefuseADecisionIdTheTenantAlreadyUsed() {
        chain.pipe("acme", Commands.decision("acme", "k1", "dec-1", "true"));
        chain.pipe("acme", Commands.decision("acme", "k2", "dec-1", "true"));
        chain.pipe("globex", Commands.decision("globex", "k2", "dec-1", "true"));

        assertThat(chain.answers()).extracting(CommandOutcome::getStatus)
                .containsExactly(OutcomeStatus.CHAINED, OutcomeStatus.CONFLICT, OutcomeStatus.CHAINED);
        assertThat(chain.entries()).hasSize(2);
    }

    @Test
    void shouldChainAPlainGroupAsOneRunAnsweringEachItemOnItsOwn() {
        chain.pipe("acme", Commands.decision("acme", "k0", "taken", "true"));
        chain.answers();
        chain.runs();
        LedgerCommand group = Commands.group("acme", false, "k1", "k2=taken", "k3", "k0");

        chain.pipe("acme", group);

        assertThat(chain.answers()).extracting(o -> o.getStatus() + ":" + o.getReason()).containsExactly(
                "CHAINED:null", "CONFLICT:" + RefusalCode.DECISION_ID_TAKEN.name(), "CHAINED:null", "CONFLICT:"
                        + RefusalCode.IDEMPOTENCY_KEY_REUSED.name());
        var runs = chain.runs();
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.key).isEqualTo(new EntryKey("acme", 1L)));
        assertThat(runs.get(0).value.getEntries()).extracting(e -> e.getHeader().getSeq()).containsExactly(1L, 2L);
        assertThat(payloads.readRecordsToList()).extracting(r -> r.key().getSeq()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldChainAnAtomicGroupWhollyAndAnswerItsRetryWithTheOriginalReceipts() {
        LedgerCommand group = Commands.group("acme", true, "b:0", "b:1", "b:2");

        chain.pipe("acme", group);
        List<CommandOutcome> first = chain.answers();
        chain.pipe("acme", Commands.retryOf(group));
        List<CommandOutcome> retry = chain.answers();

        assertThat(first).extracting(CommandOutcome::getStatus).containsOnly(OutcomeStatus.CHAINED).hasSize(3);
        assertThat(retry).extracting(CommandOutcome::getStatus).containsOnly(OutcomeStatus.DUPLICATE).hasSize(3);
        assertThat(retry).extracting(o -> o.getReceipt().getSeq()).containsExactly(0L, 1L, 2L);
        assertThat(retry.get(2).getReceipt().getChainHash()).isEqualTo(first.get(2).getReceipt().getChainHash());
        assertThat(chain.runs()).hasSize(1);
    }

    @Test
    void shouldRefuseAWholeAtomicGroupWhenOneItemIsRefused() {
        chain.pipe("acme", Commands.group("acme", false, "k0=taken"));
        chain.pipe("acme", Commands.group("acme", true, "b:0", "b:1=taken", "b:2"));
        chain.pipe("acme", Commands.group("acme", true, "c:0", "k0=taken", "c:2"));
        chain.pipe("acme", Commands.group("acme", true, "d:0=same", "d:1=same"));

        assertThat(chain.answers()).extracting(o -> o.getStatus() + ":" + o.getReason()).containsExactly(
                "CHAINED:null",
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(), "CONFLICT:" + RefusalCode.DECISION_ID_TAKEN.name(),
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(),
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(), "CONFLICT:" + RefusalCode.GROUP_PARTLY_CHAINED.name(),
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(),
                "CONFLICT:" + RefusalCode.GROUP_REFUSED.name(), "CONFLICT:" + RefusalCode.DECISION_ID_TAKEN.name());
        assertThat(chain.entries()).hasSize(1);
    }

    @Test
    void shouldAnswerASingleRetryOfAGroupedItemAsItsDuplicate() {
        LedgerCommand group = Commands.group("acme", false, "g1=d1", "g2=d2");
        chain.pipe("acme", group);
        List<CommandOutcome> grouped = chain.answers();

        chain.pipe("acme", Commands.decision("acme", "g2", "d2", "\"approve\""));

        CommandOutcome retry = chain.answers().get(0);
        assertThat(retry.getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
        assertThat(retry.getReceipt()).isEqualTo(grouped.get(1).getReceipt());
    }

    @Test
    void shouldDeadLetterAGroupThatIsEmptyOrRepeatsAKey() {
        LedgerCommand empty = Commands.group("acme", true);
        LedgerCommand repeated = Commands.group("acme", false, "k1", "k1");
        LedgerCommand internal = Commands.group("acme", false, "sys/key-expired/abc");

        chain.pipe("acme", empty);
        chain.pipe("acme", repeated);
        chain.pipe("acme", internal);

        assertThat(deadLetters.readRecordsToList()).extracting(r -> DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly(RefusalCode.INVALID_GROUP.name(), RefusalCode.INVALID_GROUP.name(),
                        RefusalCode.RESERVED_IDEMPOTENCY_KEY.name());
        assertThat(chain.runs()).isEmpty();
    }

    @Test
    void shouldChainASealedCommandAndDeadLetterOneThatDoesNotOpenStillSealed() {
        io.veridict.streams.crypto.CommandSeal seal = new io.veridict.streams.crypto.CommandSeal(crypto.kms(),
                java.time.Clock.systemUTC());
        chain.pipe("acme", seal.seal(Commands.decision("acme", "k1")));
        LedgerCommand moved = seal.seal(Commands.decision("acme", "k2"));
        moved.setCommandId(java.util.UUID.randomUUID().toString()); // its sealed body was made for another command
        chain.pipe("acme", moved);
        LedgerCommand foreign = new io.veridict.streams.crypto.CommandSeal(TestCrypto.crypto().kms(), java.time.Clock.systemUTC())
                .seal(Commands.decision("acme", "k3"));
        chain.pipe("acme", foreign);

        assertThat(chain.entries()).extracting(LedgerEntry::getSeq).containsExactly(0L);
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("SEALED_BODY_UNREADABLE", "SEALED_BODY_UNREADABLE");
        assertThat(dead).extracting(r -> serdes.commands().deserializer().deserialize("t", r.value()).getBody())
                .allSatisfy(body -> assertThat(body).isInstanceOf(io.veridict.schemas.avro.SealedBody.class));
    }

    @Test
    void shouldDeadLetterCommandWhoseKeyIsNotItsTenantWithoutChainingIt() {
        chain.pipe("globex", Commands.decision("acme", "k1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("globex");
        assertThat(serdes.commands().deserializer().deserialize("t", dead.value()).getTenantId()).isEqualTo("acme");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo(RefusalCode.TENANT_KEY_MISMATCH.name());
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.commands().name());
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(chain.runs()).isEmpty();
        assertThat(chain.answers()).containsOnlyNulls();
    }

    @Test
    void shouldDeadLetterMalformedTenantIdAndIdempotencyKey() {
        chain.pipe("Bad Tenant!", Commands.decision("Bad Tenant!", "k1"));
        chain.pipe("acme", Commands.decision("acme", "has space"));

        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(RefusalCode.INVALID_TENANT_ID.name());
        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(RefusalCode.INVALID_IDEMPOTENCY_KEY.name());
        assertThat(chain.runs()).isEmpty();
    }

    @Test
    void shouldDeadLetterDecisionCarryingAnInternalIdempotencyKey() {
        String internal = IdempotencyKeys.keyExpiry("abcdefghijklmnop");
        chain.pipe("acme", Commands.decision("acme", internal));
        chain.pipe("acme", Commands.decision("acme", "key-expired" + IdempotencyKeys.SEPARATOR + "x"));

        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(RefusalCode.RESERVED_IDEMPOTENCY_KEY.name());
        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(RefusalCode.RESERVED_IDEMPOTENCY_KEY.name());
        assertThat(chain.runs()).isEmpty();
        assertThat(chain.answers()).containsOnlyNulls();
    }

    @Test
    void shouldDeadLetterUnreadableBytesAndKeepChaining() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        rawCommands.pipeInput("acme".getBytes(StandardCharsets.UTF_8), garbage);
        chain.pipe("acme", Commands.decision("acme", "k1"));


        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_PAYLOAD");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(chain.entries()).extracting(LedgerEntry::getSeq).containsExactly(0L);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
