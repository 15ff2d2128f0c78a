package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.dev.testing.MutableClock;
import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.KeySecret;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.TenantState;
import io.veridict.schemas.avro.TenantStatus;
import io.veridict.schemas.serde.AvroBinarySerde;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.access.AccessKeys;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access view and authentication over a real Kafka Streams global store built like the
 * topology's ({@link LedgerTopology}): a changed stored value is seen by the very next read,
 * whatever authentication decoded before.
 */
class AccessViewTest {

    private static final String TOPIC = "veridict.access";
    private static final byte[] PEPPER = new byte[32];
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final SecretHasher hasher = new SecretHasher(PEPPER);
    private final CountingSerde counting = new CountingSerde();
    private final AccessViewSerde serde = new AccessViewSerde(counting);
    private TopologyTestDriver driver;
    private TestInputTopic<String, AccessRecord> access;
    private AccessView view;
    private Authenticator authenticator;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(TOPIC, Consumed.with(Serdes.String(), serde),
                Materialized.<String, AccessRecord, KeyValueStore<Bytes, byte[]>>as(LedgerTopology.ACCESS_VIEW)
                        .withKeySerde(Serdes.String()).withValueSerde(serde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "access-view-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        access = driver.createInputTopic(TOPIC, new StringSerializer(), serde.serializer());
        view = new AccessView(() -> driver.<String, AccessRecord>getKeyValueStore(LedgerTopology.ACCESS_VIEW), serde);
        authenticator = new Authenticator(view, hasher, Optional.empty(), clock);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldDecodeAnUnchangedKeyOnce() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        int before = counting.decodes.get();

        KeyCredentials first = view.credentials(key.keyId()).orElseThrow();
        KeyCredentials second = view.credentials(key.keyId()).orElseThrow();

        assertThat(second).isSameAs(first);
        assertThat(counting.decodes.get() - before).isEqualTo(1);
        assertThat(first.tenantId()).isEqualTo("acme");
        assertThat(first.scopes()).containsExactly(Scope.AUDIT_READ);
    }

    @Test
    void shouldSeeARevocationOnTheVeryNextRead() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        assertThat(authenticator.tenantKey(bearer(key), List.of("acme")).keyId()).isEqualTo(key.keyId());

        publishKey(key, KeyStatus.REVOKED, null, List.of(secret(key, null)), "audit:read");

        assertThat(view.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);
        assertRefused(key, "acme", ErrorCode.KEY_REVOKED);
    }

    @Test
    void shouldSeeATenantSuspensionAndReactivationOnTheVeryNextRead() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        authenticator.tenantKey(bearer(key), List.of("acme"));

        publishTenant("acme", TenantStatus.SUSPENDED);
        assertRefused(key, "acme", ErrorCode.TENANT_SUSPENDED);

        publishTenant("acme", TenantStatus.ACTIVE);
        assertThat(authenticator.tenantKey(bearer(key), List.of("acme")).tenantId()).isEqualTo("acme");
    }

    @Test
    void shouldRefuseAKeyOnceItsExpiryPassesThoughItsStoredValueIsUnchanged() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, T0.plusSeconds(60), List.of(secret(key, null)), "audit:read");
        authenticator.tenantKey(bearer(key), List.of("acme"));

        clock.set(T0.plusSeconds(60));

        assertRefused(key, "acme", ErrorCode.KEY_EXPIRED);
    }

    @Test
    void shouldRefuseARotatedOutSecretOnceItsOverlapEndsAndTheNewOneAtOnce() {
        TokenFormat.ApiKey old = TokenFormat.newApiKey();
        TokenFormat.ApiKey rotated = TokenFormat.newSecret(old.keyId());
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(old, KeyStatus.ACTIVE, null, List.of(secret(old, null)), "audit:read");
        authenticator.tenantKey(bearer(old), List.of("acme"));
        assertRefused(rotated, "acme", ErrorCode.INVALID_CREDENTIALS);

        publishKey(old, KeyStatus.ACTIVE, null, List.of(secret(rotated, null), secret(old, T0.plusSeconds(30))), "audit:read");
        authenticator.tenantKey(bearer(rotated), List.of("acme"));
        authenticator.tenantKey(bearer(old), List.of("acme"));

        clock.set(T0.plusSeconds(30));
        assertRefused(old, "acme", ErrorCode.INVALID_CREDENTIALS);
        authenticator.tenantKey(bearer(rotated), List.of("acme"));
    }

    @Test
    void shouldSeeAChangedScopeListOnTheVeryNextRead() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read", "decisions:record");
        assertThat(authenticator.tenantKey(bearer(key), List.of("acme")).scopes())
                .containsExactlyInAnyOrder(Scope.AUDIT_READ, Scope.DECISIONS_RECORD);

        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");

        assertThat(authenticator.tenantKey(bearer(key), List.of("acme")).scopes()).containsExactly(Scope.AUDIT_READ);
    }

    @Test
    void shouldSeeADeletedKeyAsUnknown() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        authenticator.tenantKey(bearer(key), List.of("acme"));

        access.pipeInput(AccessKeys.key(key.keyId()), null, T0.toEpochMilli());

        assertThat(view.credentials(key.keyId())).isEmpty();
        assertRefused(key, "acme", ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void shouldAnswerUnknownKeysAndTenantsAsAbsent() {
        assertThat(view.credentials("aaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(view.tenantStatus("nobody")).isEmpty();
        assertRefused(TokenFormat.newApiKey(), "acme", ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void shouldKeepTheOtherReadsDecodingIntoObjectsOfTheirOwn() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishTenant("acme", TenantStatus.ACTIVE);
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        view.credentials(key.keyId());

        ApiKeyState first = view.key(key.keyId()).orElseThrow();
        first.setStatus(KeyStatus.REVOKED);
        first.getScopes().clear();

        assertThat(view.key(key.keyId()).orElseThrow().getStatus()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(view.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(view.credentials(key.keyId()).orElseThrow().scopes()).containsExactly(Scope.AUDIT_READ);
        assertThat(view.tenant("acme").orElseThrow().getStatus()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    void shouldDecodeEveryTimeWithoutTheAccessViewSerde() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
        AccessView plain = new AccessView(() -> driver.<String, AccessRecord>getKeyValueStore(LedgerTopology.ACCESS_VIEW), null);

        assertThat(plain.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.ACTIVE);
        publishKey(key, KeyStatus.REVOKED, null, List.of(secret(key, null)), "audit:read");
        assertThat(plain.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);
    }

    @Test
    void shouldReadCorrectlyAStoreBuiltWithAnotherSerde() {
        AvroBinarySerde<AccessRecord> plain = new AvroBinarySerde<>(AccessRecord.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(TOPIC, Consumed.with(Serdes.String(), plain),
                Materialized.<String, AccessRecord, KeyValueStore<Bytes, byte[]>>as(LedgerTopology.ACCESS_VIEW)
                        .withKeySerde(Serdes.String()).withValueSerde(plain));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "access-view-other-serde-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver other = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, AccessRecord> input = other.createInputTopic(TOPIC, new StringSerializer(), plain.serializer());
            AccessView mismatched = new AccessView(() -> other.<String, AccessRecord>getKeyValueStore(LedgerTopology.ACCESS_VIEW), serde);
            TokenFormat.ApiKey key = TokenFormat.newApiKey();
            access = input;
            publishKey(key, KeyStatus.ACTIVE, null, List.of(secret(key, null)), "audit:read");
            assertThat(mismatched.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.ACTIVE);

            publishKey(key, KeyStatus.REVOKED, null, List.of(secret(key, null)), "audit:read");
            assertThat(mismatched.credentials(key.keyId()).orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);
            assertThat(mismatched.credentials("aaaaaaaaaaaaaaaa")).isEmpty();
        }
    }

    private void assertRefused(TokenFormat.ApiKey key, String tenant, ErrorCode code) {
        assertThatThrownBy(() -> authenticator.tenantKey(bearer(key), List.of(tenant)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code.name()));
    }

    private static List<String> bearer(TokenFormat.ApiKey key) {
        return List.of(Authenticator.BEARER + key.text());
    }

    private KeySecret secret(TokenFormat.ApiKey key, Instant validUntil) {
        return KeySecret.newBuilder().setSecretHmac(ByteBuffer.wrap(hasher.hash(key))).setValidUntil(validUntil).build();
    }

    private void publishTenant(String tenant, TenantStatus status) {
        TenantState state = TenantState.newBuilder().setTenantId(tenant).setDisplayName(tenant).setStatus(status)
                .setCreatedAt(T0).setUpdatedAt(T0).setSeq(0).build();
        access.pipeInput(AccessKeys.tenant(tenant), new AccessRecord(state), T0.toEpochMilli());
    }

    private void publishKey(TokenFormat.ApiKey key, KeyStatus status, Instant expiresAt, List<KeySecret> secrets,
                            String... scopes) {
        ApiKeyState state = ApiKeyState.newBuilder().setKeyId(key.keyId()).setTenantId("acme")
                .setScopes(new ArrayList<>(Arrays.asList(scopes))).setExpiresAt(expiresAt).setStatus(status)
                .setSecrets(secrets).setCreatedSeq(1).setCreatedAt(T0).setUpdatedAt(T0).setSeq(1).build();
        access.pipeInput(AccessKeys.key(key.keyId()), new AccessRecord(state), T0.toEpochMilli());
    }

    /** Avro binary, counting what its deserializer decodes. */
    private static final class CountingSerde implements Serde<AccessRecord> {
        final AtomicInteger decodes = new AtomicInteger();
        private final AvroBinarySerde<AccessRecord> avro = new AvroBinarySerde<>(AccessRecord.class);

        @Override
        public org.apache.kafka.common.serialization.Serializer<AccessRecord> serializer() {
            return avro.serializer();
        }

        @Override
        public Deserializer<AccessRecord> deserializer() {
            return (topic, data) -> {
                if (data != null) {
                    decodes.incrementAndGet();
                }
                return avro.deserializer().deserialize(topic, data);
            };
        }
    }
}
