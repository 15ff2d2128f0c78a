package io.veridict.streams.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.streams.crypto.OpenedPayload.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadSealerTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final byte[] SALT = new byte[32];
    private static final byte[] PAYLOAD = "{\"applicant\":\"app-829\",\"amount_eur\":25000}".getBytes(StandardCharsets.UTF_8);

    private final LedgerCrypto crypto = new LedgerCrypto(LocalKms.parse(LocalKms.generate("kek-1")), Duration.ofDays(30));
    private final Map<String, WrappedDataKey> store = new HashMap<>();
    private final PayloadSealer sealer = new PayloadSealer(crypto, k -> store.put(k.getTenantId() + "/" + k.getKeyId(), k));
    private final PayloadOpener opener = new PayloadOpener(crypto.kms(), (tenant, keyId) -> store.get(tenant + "/" + keyId));

    static {
        SALT[0] = 42;
    }

    @Test
    void shouldSealThePayloadWithItsSaltAndOpenItForItsTenantAndSeqOnly() {
        PayloadEnvelope sealed = sealer.seal("acme", 7, SALT, PAYLOAD, T0);

        assertThat(sealed.getEnvelopeVersion()).isEqualTo(PayloadSealer.SEALED_ENVELOPE);
        assertThat(sealed.getKeyId()).startsWith("dk-");
        assertThat(sealed.getSalt()).as("no salt in clear").isNull();
        assertThat(sealed.getNonce().remaining()).isEqualTo(12);
        assertThat(new String(bytes(sealed.getCiphertext()), StandardCharsets.ISO_8859_1)).doesNotContain("app-829");
        assertThat(store).hasSize(1);
        WrappedDataKey kept = store.values().iterator().next();
        assertThat(kept.getTenantId()).isEqualTo("acme");
        assertThat(kept.getKekId()).isEqualTo("kek-1");

        OpenedPayload opened = opener.open("acme", 7, sealed);
        assertThat(opened.status()).isEqualTo(Status.DECRYPTED);
        assertThat(opened.bytesOrNull()).isEqualTo(PAYLOAD);
        assertThat(opened.saltOrNull()).isEqualTo(SALT);
        assertThat(opener.open("acme", 8, sealed).status()).as("moved to another seq").isEqualTo(Status.UNREADABLE);
        assertThat(opener.open("globex", 7, sealed).status()).as("another tenant's").isEqualTo(Status.KEY_DESTROYED);
    }

    @Test
    void shouldCallAnAlteredEnvelopeUnreadableAndADestroyedKeyErased() {
        PayloadEnvelope sealed = sealer.seal("acme", 1, SALT, PAYLOAD, T0);
        byte[] altered = bytes(sealed.getCiphertext());
        altered[3] ^= 1;
        PayloadEnvelope tampered = new PayloadEnvelope(2, sealed.getKeyId(), sealed.getNonce(), ByteBuffer.wrap(altered), null);

        assertThat(opener.open("acme", 1, tampered).status()).isEqualTo(Status.UNREADABLE);
        assertThat(opener.open("acme", 1, tampered).problemOrNull()).contains("does not authenticate").doesNotContain("app-829");
        assertThat(opener.open("acme", 1, sealed).readable()).isTrue();

        store.clear();
        OpenedPayload gone = opener.open("acme", 1, sealed);
        assertThat(gone.status()).as("a cached key does not outlive its record").isEqualTo(Status.KEY_DESTROYED);
        assertThat(gone.bytesOrNull()).isNull();
    }

    @Test
    void shouldNotOpenWithAWrappedKeyMovedToAnotherTenantOrId() {
        PayloadEnvelope sealed = sealer.seal("acme", 1, SALT, PAYLOAD, T0);
        WrappedDataKey acmeKey = store.values().iterator().next();
        Map<String, WrappedDataKey> forged = Map.of("globex/" + acmeKey.getKeyId(), new WrappedDataKey("globex",
                acmeKey.getKeyId(), acmeKey.getKekId(), acmeKey.getWrapped(), acmeKey.getCreatedAt()));
        PayloadOpener globex = new PayloadOpener(crypto.kms(), (tenant, keyId) -> forged.get(tenant + "/" + keyId));

        assertThat(globex.open("globex", 1, sealed).status()).isEqualTo(Status.UNREADABLE);
    }

    @Test
    void shouldTakeANewDataKeyPerTenantAfterTheRotationPeriodAndAfterForget() {
        String first = sealer.seal("acme", 0, SALT, PAYLOAD, T0).getKeyId();
        String globex = sealer.seal("globex", 0, SALT, PAYLOAD, T0).getKeyId();
        String again = sealer.seal("acme", 1, SALT, PAYLOAD, T0 + Duration.ofDays(29).toMillis()).getKeyId();
        String rotated = sealer.seal("acme", 2, SALT, PAYLOAD, T0 + Duration.ofDays(30).toMillis()).getKeyId();
        sealer.forget();
        String afterRestart = sealer.seal("acme", 3, SALT, PAYLOAD, T0 + Duration.ofDays(30).toMillis()).getKeyId();

        assertThat(again).isEqualTo(first);
        assertThat(globex).isNotEqualTo(first);
        assertThat(rotated).isNotEqualTo(first);
        assertThat(afterRestart).isNotEqualTo(rotated);
        assertThat(store).hasSize(4);
        for (long seq = 0; seq < 4; seq++) {
            PayloadEnvelope envelope = sealer.seal("acme", 10 + seq, SALT, PAYLOAD, T0 + Duration.ofDays(30).toMillis());
            assertThat(opener.open("acme", 10 + seq, envelope).readable()).isTrue();
        }
    }

    @Test
    void shouldRewrapADataKeyUnderTheNewKekSoTheOldOneCanBeRetired() {
        String oldKek = LocalKms.generate("kek-old");
        LedgerCrypto before = LedgerCrypto.of(LocalKms.parse(oldKek));
        Map<String, WrappedDataKey> keys = new HashMap<>();
        PayloadEnvelope sealed = new PayloadSealer(before, k -> keys.put(k.getKeyId(), k)).seal("acme", 1, SALT, PAYLOAD, T0);
        WrappedDataKey stored = keys.get(sealed.getKeyId());
        String newKek = LocalKms.generate("kek-new");
        LedgerCrypto during = LedgerCrypto.of(LocalKms.parse(newKek + "," + oldKek));

        WrappedDataKey rewrapped = new PayloadSealer(during, k -> { }).rewrapOrNull(stored);

        assertThat(rewrapped.getKekId()).isEqualTo("kek-new");
        assertThat(rewrapped.getKeyId()).isEqualTo(stored.getKeyId());
        assertThat(new PayloadSealer(during, k -> { }).rewrapOrNull(rewrapped)).as("already under the current KEK").isNull();
        PayloadOpener after = new PayloadOpener(LocalKms.parse(newKek), (tenant, keyId) -> rewrapped);
        assertThat(after.open("acme", 1, sealed).bytesOrNull()).as("opened without the old KEK").isEqualTo(PAYLOAD);
        PayloadOpener stale = new PayloadOpener(LocalKms.parse(newKek), (tenant, keyId) -> stored);
        assertThat(stale.open("acme", 1, sealed).status()).isEqualTo(Status.UNREADABLE);
    }

    @Test
    void shouldPassAClearEnvelopeThroughAsItIs() {
        PayloadEnvelope clear = new PayloadEnvelope(1, null, null, ByteBuffer.wrap(PAYLOAD), ByteBuffer.wrap(SALT));

        OpenedPayload opened = opener.open("acme", 1, clear);

        assertThat(opened.status()).isEqualTo(Status.CLEAR);
        assertThat(opened.bytesOrNull()).isEqualTo(PAYLOAD);
        assertThat(opened.saltOrNull()).isEqualTo(SALT);
        assertThat(opener.open("acme", 1, null)).isNull();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
