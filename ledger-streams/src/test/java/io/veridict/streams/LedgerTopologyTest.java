package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.ChainVerification;
import io.veridict.schemas.format.ChainVerifier;
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
    private TopologyTestDriver driver;
    private TestInputTopic<String, LedgerCommand> commands;
    private TestInputTopic<byte[], byte[]> rawCommands;
    private TestOutputTopic<EntryKey, LedgerEntry> entries;
    private TestOutputTopic<EntryKey, PayloadEnvelope> payloads;
    private TestOutputTopic<String, CommandOutcome> outcomes;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The test driver commits after every record; exactly-once adds nothing here and
        // would hold back the records the deserialisation handler produces.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes), props);
        commands = driver.createInputTopic(topics.commands().name(), new StringSerializer(), serdes.commands().serializer());
        rawCommands = driver.createInputTopic(topics.commands().name(), new ByteArraySerializer(), new ByteArraySerializer());
        entries = driver.createOutputTopic(topics.entries().name(), serdes.entryKeys().deserializer(), serdes.entries().deserializer());
        payloads = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(), serdes.payloads().deserializer());
        outcomes = driver.createOutputTopic(topics.receipts().name(), new StringDeserializer(), serdes.outcomes().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldChainEachTenantGaplesslyFromZeroIntoAVerifiableChain() {
        commands.pipeInput("acme", Commands.decision("acme", "k1"));
        commands.pipeInput("globex", Commands.decision("globex", "k1"));
        commands.pipeInput("acme", Commands.decision("acme", "k2"));
        commands.pipeInput("acme", Commands.decision("acme", "k3"));

        List<TestRecord<EntryKey, LedgerEntry>> written = entries.readRecordsToList();
        List<TestRecord<EntryKey, PayloadEnvelope>> bodies = payloads.readRecordsToList();
        assertThat(written).extracting(r -> r.key().getTenantId() + "/" + r.key().getSeq())
                .containsExactly("acme/0", "globex/0", "acme/1", "acme/2");
        LedgerEntry first = written.get(0).value();
        assertThat(first.getPrevChainHash().bytes()).isEqualTo(LedgerHashes.genesis("acme"));
        assertThat(first.getActorKeyId()).isEqualTo("key-1");
        assertThat(first.getCorrelationId()).isEqualTo("corr-k1");

        ChainVerifier verifier = ChainVerifier.fromGenesis("acme");
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i).key().getTenantId().equals("acme")) {
                verifier.accept(Receipts.fromAvro(written.get(i).value()), bodies.get(i).value().getCiphertext().array());
            }
        }
        ChainVerification result = verifier.finish();
        assertThat(result.isValid()).as(result.failure().map(Object::toString).orElse("")).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(new String(bodies.get(0).value().getCiphertext().array(), StandardCharsets.UTF_8))
                .startsWith("{\"context\":{\"amount\":10},\"decision\":\"approve\",");
    }

    @Test
    void shouldAnswerEveryCommandWithAnOutcomeCarryingItsReceipt() {
        LedgerCommand command = Commands.decision("acme", "k1", "dec-7", "true");
        commands.pipeInput("acme", command);

        CommandOutcome outcome = outcomes.readValue();
        LedgerEntry entry = entries.readValue();
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
        commands.pipeInput("acme", Commands.decision("acme", "k1"));
        commands.pipeInput("acme", Commands.decision("acme", "k1"));

        List<CommandOutcome> answers = outcomes.readValuesToList();
        assertThat(answers).extracting(CommandOutcome::getStatus).containsExactly(OutcomeStatus.CHAINED, OutcomeStatus.DUPLICATE);
        assertThat(answers.get(1).getReceipt()).isEqualTo(answers.get(0).getReceipt());
        assertThat(entries.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldRefuseAReusedIdempotencyKeyWithADifferentRequest() {
        commands.pipeInput("acme", Commands.decision("acme", "k1", null, "\"approve\""));
        commands.pipeInput("acme", Commands.decision("acme", "k1", null, "\"deny\""));

        List<CommandOutcome> answers = outcomes.readValuesToList();
        assertThat(answers.get(1).getStatus()).isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(answers.get(1).getReason()).isEqualTo(ChainProcessor.IDEMPOTENCY_KEY_REUSED);
        assertThat(answers.get(1).getReceipt()).isNull();
        assertThat(entries.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldRefuseADecisionIdTheTenantAlreadyUsed() {
        commands.pipeInput("acme", Commands.decision("acme", "k1", "dec-1", "true"));
        commands.pipeInput("acme", Commands.decision("acme", "k2", "dec-1", "true"));
        commands.pipeInput("globex", Commands.decision("globex", "k2", "dec-1", "true"));

        assertThat(outcomes.readValuesToList()).extracting(CommandOutcome::getStatus)
                .containsExactly(OutcomeStatus.CHAINED, OutcomeStatus.CONFLICT, OutcomeStatus.CHAINED);
        assertThat(entries.readRecordsToList()).hasSize(2);
    }

    @Test
    void shouldDeadLetterCommandWhoseKeyIsNotItsTenantWithoutChainingIt() {
        commands.pipeInput("globex", Commands.decision("acme", "k1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("globex");
        assertThat(serdes.commands().deserializer().deserialize("t", dead.value()).getTenantId()).isEqualTo("acme");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo(CommandValidator.TENANT_KEY_MISMATCH);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.commands().name());
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(entries.isEmpty()).isTrue();
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterMalformedTenantIdAndIdempotencyKey() {
        commands.pipeInput("Bad Tenant!", Commands.decision("Bad Tenant!", "k1"));
        commands.pipeInput("acme", Commands.decision("acme", "has space"));

        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.INVALID_TENANT_ID);
        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.INVALID_IDEMPOTENCY_KEY);
        assertThat(entries.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterDecisionCarryingAnInternalIdempotencyKey() {
        String internal = IdempotencyKeys.keyExpiry("abcdefghijklmnop");
        commands.pipeInput("acme", Commands.decision("acme", internal));
        commands.pipeInput("acme", Commands.decision("acme", "key-expired" + IdempotencyKeys.SEPARATOR + "x"));

        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.RESERVED_IDEMPOTENCY_KEY);
        assertThat(DeadLetterHeaders.text(deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo(CommandValidator.RESERVED_IDEMPOTENCY_KEY);
        assertThat(entries.isEmpty()).isTrue();
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterUnreadableBytesAndKeepChaining() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        rawCommands.pipeInput("acme".getBytes(StandardCharsets.UTF_8), garbage);
        commands.pipeInput("acme", Commands.decision("acme", "k1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_PAYLOAD");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(entries.readValue().getSeq()).isZero();
    }
}
