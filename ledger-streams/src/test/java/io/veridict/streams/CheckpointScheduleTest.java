package io.veridict.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.CheckpointSchedule;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain signs the trees that grew onto the checkpoints topic, on its schedule. */
class CheckpointScheduleTest {

    private static final NoteSigner KEY = NoteSigner.of("ledger.example", filled(3));
    private static final Duration EVERY = Duration.ofSeconds(10);

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 1, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();

    @TempDir
    Path stateDir;

    @Test
    void treesThatGrewAreSignedOncePerIntervalAndIdleOnesAreNot() {
        try (TopologyTestDriver driver = driver()) {
            ChainOutputs chain = new ChainOutputs(driver, topics, serdes);
            TestOutputTopic<String, SignedCheckpoint> signed = checkpoints(driver);
            chain.pipe("acme", Commands.decision("acme", "a1"));
            chain.pipe("acme", Commands.decision("acme", "a2"));
            chain.pipe("globex", Commands.decision("globex", "g1"));
            assertThat(signed.isEmpty()).as("nothing before the interval").isTrue();

            driver.advanceWallClockTime(EVERY);
            List<KeyValue<String, SignedCheckpoint>> first = signed.readKeyValuesToList();
            assertThat(first).extracting(kv -> kv.key + ":" + kv.value.getSize()).containsExactlyInAnyOrder("acme:2", "globex:1");
            KeyValueStore<String, byte[]> heads = driver.getKeyValueStore(ChainStores.HEADS);
            for (KeyValue<String, SignedCheckpoint> kv : first) {
                Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(kv.value.getNote().getBytes(UTF_8), List.of(KEY.verifier())).text());
                ChainHead head = io.veridict.streams.chain.HeadCodec.decode(kv.key, heads.get(kv.key));
                assertThat(checkpoint.origin()).isEqualTo("ledger.example/" + kv.key);
                assertThat(checkpoint.size()).isEqualTo(head.size());
                assertThat(checkpoint.rootHash()).isEqualTo(head.merkleRoot().orElseThrow());
            }

            driver.advanceWallClockTime(EVERY);
            assertThat(signed.isEmpty()).as("no tree grew").isTrue();

            chain.pipe("acme", Commands.decision("acme", "a3"));
            driver.advanceWallClockTime(EVERY);
            assertThat(signed.readKeyValuesToList()).extracting(kv -> kv.key + ":" + kv.value.getSize()).containsExactly("acme:3");
        }
    }

    @Test
    void withoutAKeyNothingIsSigned() {
        Properties props = props();
        try (TopologyTestDriver driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(),
                TestCrypto.crypto()), props)) {
            new ChainOutputs(driver, topics, serdes).pipe("acme", Commands.decision("acme", "a1"));
            driver.advanceWallClockTime(EVERY.multipliedBy(3));
            assertThat(checkpoints(driver).isEmpty()).isTrue();
        }
    }

    private TestOutputTopic<String, SignedCheckpoint> checkpoints(TopologyTestDriver driver) {
        return driver.createOutputTopic(topics.checkpoints().name(), new StringDeserializer(), serdes.checkpoints().deserializer());
    }

    private TopologyTestDriver driver() {
        return new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(), TestCrypto.crypto(),
                new CheckpointSchedule(KEY, EVERY)), props());
    }

    private Properties props() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "checkpoint-schedule-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private static byte[] filled(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
