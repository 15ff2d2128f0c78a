package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.TenantOperationType;
import io.veridict.schemas.avro.TenantState;
import io.veridict.schemas.avro.TenantStatus;
import io.veridict.streams.access.AccessChanges;
import io.veridict.streams.access.AccessKeys;
import io.veridict.streams.topics.LedgerTopics;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTopologyTest {

    private static final byte[] FIRST = filled(1);
    private static final byte[] SECOND = filled(2);

    private final LedgerTopics topics = LedgerTopics.standard("veridict.", 3, (short) 1, 1);
    private final LedgerSerdes serdes = TestSerdes.plain();
    private final io.veridict.streams.crypto.LedgerCrypto crypto = TestCrypto.crypto();
    private TopologyTestDriver driver;
    private ChainOutputs chain;
    private TestOutputTopic<EntryKey, PayloadEnvelope> payloads;
    private KeyValueStore<String, AccessRecord> view;

    @BeforeEach
    void startDriver() {
        Properties props = LedgerStreamsConfig.required(topics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "access-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(LedgerTopology.build(topics, serdes, TestHistory.empty(), crypto), props);
        chain = new ChainOutputs(driver, topics, serdes);
        payloads = driver.createOutputTopic(topics.payloads().name(), serdes.entryKeys().deserializer(), serdes.payloads().deserializer());
        view = driver.getKeyValueStore(LedgerTopology.ACCESS_VIEW);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldChainATenantCreationAndPublishTheTenantToTheAccessView() {
        chain.pipe("acme", Commands.tenant("acme", "t1", TenantOperationType.CREATED));

        assertThat(chain.answers()).extracting(CommandOutcome::getStatus).containsExactly(OutcomeStatus.CHAINED);
        assertThat(chain.entries()).extracting(LedgerEntry::getEntryType).containsExactly(EntryType.TENANT_OPERATION);
        assertThat(text(payloads.readKeyValue())).isEqualTo(
                "{\"display_name\":\"Tenant acme\",\"kind\":\"tenant_operation\",\"operation\":\"CREATED\",\"reason\":null}");
        TenantState tenant = (TenantState) view.get(AccessKeys.tenant("acme")).getState();
        assertThat(tenant.getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(tenant.getSeq()).isZero();
    }

    @Test
    void shouldRefuseASecondCreationOfTheSameTenantWithoutAnEntry() {
        chain.pipe("acme", Commands.tenant("acme", "t1", TenantOperationType.CREATED));
        chain.pipe("acme", Commands.tenant("acme", "t2", TenantOperationType.CREATED));

        CommandOutcome second = chain.answers().get(1);
        assertThat(second.getStatus()).isEqualTo(OutcomeStatus.CONFLICT);
        assertThat(second.getReason()).isEqualTo(RefusalCode.TENANT_EXISTS.name());
        assertThat(chain.entries()).hasSize(1);
    }

    @Test
    void shouldSuspendAndReactivateOnlyFromTheMatchingStatus() {
        chain.pipe("acme", Commands.tenant("acme", "t1", TenantOperationType.CREATED));
        chain.pipe("acme", Commands.tenant("acme", "t2", TenantOperationType.REACTIVATED));
        chain.pipe("acme", Commands.tenant("acme", "t3", TenantOperationType.SUSPENDED));
        chain.pipe("globex", Commands.tenant("globex", "t1", TenantOperationType.SUSPENDED));

        assertThat(chain.answers()).extracting(o -> o.getStatus() + ":" + o.getReason())
                .containsExactly("CHAINED:null", "CONFLICT:" + RefusalCode.TENANT_STATUS_CONFLICT.name(), "CHAINED:null",
                        "CONFLICT:" + RefusalCode.TENANT_NOT_FOUND.name());
        assertThat(((TenantState) view.get(AccessKeys.tenant("acme")).getState()).getStatus()).isEqualTo(TenantStatus.SUSPENDED);
    }

    @Test
    void shouldPublishAKeyUnderItsIdAndUnderItsTenantWithoutAnySecretInThePayload() {
        chain.pipe("acme", Commands.key("acme", "k1", KeyOperationType.CREATED, "key0000000000001", FIRST, null));

        assertThat(chain.answers()).extracting(CommandOutcome::getStatus).containsExactly(OutcomeStatus.CHAINED);
        ApiKeyState key = (ApiKeyState) view.get(AccessKeys.key("key0000000000001")).getState();
        assertThat(key.getTenantId()).isEqualTo("acme");
        assertThat(key.getStatus()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(key.getSecrets()).singleElement().satisfies(s -> assertThat(s.getSecretHmac().array()).isEqualTo(FIRST));
        assertThat(view.get(AccessKeys.tenantKey("acme", "key0000000000001")).getState()).isEqualTo(key);
        String payload = text(payloads.readKeyValue());
        assertThat(payload).contains("\"key_id\":\"key0000000000001\"").doesNotContain(HexFormat.of().formatHex(FIRST))
                .doesNotContain("secret");
    }

    @Test
    void shouldKeepTheOldSecretUntilTheOverlapEndsWhenAKeyIsRotated() {
        chain.pipe("acme", Commands.key("acme", "k1", KeyOperationType.CREATED, "key0000000000001", FIRST, null));
        chain.pipe("acme", Commands.key("acme", "k2", KeyOperationType.ROTATED, "key0000000000001", SECOND, 60_000L));

        ApiKeyState key = (ApiKeyState) view.get(AccessKeys.key("key0000000000001")).getState();
        assertThat(key.getSecrets()).hasSize(2);
        assertThat(key.getSecrets().get(0).getSecretHmac().array()).isEqualTo(FIRST);
        assertThat(key.getSecrets().get(0).getValidUntil()).isEqualTo(key.getUpdatedAt().plusMillis(60_000));
        assertThat(key.getSecrets().get(1).getSecretHmac().array()).isEqualTo(SECOND);
        assertThat(key.getSecrets().get(1).getValidUntil()).isNull();
    }

    @Test
    void shouldRevokeOnceAndTreatAnotherTenantsKeyAsUnknown() {
        chain.pipe("acme", Commands.key("acme", "k1", KeyOperationType.CREATED, "key0000000000001", FIRST, null));
        chain.pipe("globex", Commands.key("globex", "k1", KeyOperationType.REVOKED, "key0000000000001", null, null));
        chain.pipe("acme", Commands.key("acme", "k2", KeyOperationType.REVOKED, "key0000000000001", null, null));
        chain.pipe("acme", Commands.key("acme", "k3", KeyOperationType.REVOKED, "key0000000000001", null, null));
        chain.pipe("acme", Commands.key("acme", "k4", KeyOperationType.ROTATED, "key0000000000001", SECOND, 0L));

        assertThat(chain.answers()).extracting(o -> o.getStatus() + ":" + o.getReason())
                .containsExactly("CHAINED:null", "CONFLICT:" + RefusalCode.KEY_NOT_FOUND.name(), "CHAINED:null",
                        "CONFLICT:" + RefusalCode.KEY_NOT_ACTIVE.name(), "CONFLICT:" + RefusalCode.KEY_NOT_ACTIVE.name());
        ApiKeyState key = (ApiKeyState) view.get(AccessKeys.key("key0000000000001")).getState();
        assertThat(key.getStatus()).isEqualTo(KeyStatus.REVOKED);
        assertThat(key.getSecrets()).singleElement().satisfies(s -> assertThat(s.getSecretHmac().array()).isEqualTo(FIRST));
    }

    @Test
    void shouldTreatARetriedKeyCreationWithAFreshSecretAsTheSameRequest() {
        chain.pipe("acme", Commands.key("acme", "k1", KeyOperationType.CREATED, "key0000000000001", FIRST, null));
        chain.pipe("acme", Commands.key("acme", "k1", KeyOperationType.CREATED, "key0000000000002", SECOND, null));

        assertThat(chain.answers()).extracting(CommandOutcome::getStatus)
                .containsExactly(OutcomeStatus.CHAINED, OutcomeStatus.DUPLICATE);
        assertThat(view.get(AccessKeys.key("key0000000000002"))).isNull();
        ApiKeyState key = (ApiKeyState) view.get(AccessKeys.key("key0000000000001")).getState();
        assertThat(key.getSecrets()).singleElement().satisfies(s -> assertThat(s.getSecretHmac().array()).isEqualTo(FIRST));
    }

    /** The payload in clear, opened with the data key the chain stored. */
    private String text(org.apache.kafka.streams.KeyValue<EntryKey, PayloadEnvelope> record) {
        return new String(TestCrypto.open(TestCrypto.opener(crypto, driver), record.key.getTenantId(), record.key.getSeq(),
                record.value).bytesOrNull(), StandardCharsets.UTF_8);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
