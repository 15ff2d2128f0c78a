package io.veridict.streams;

import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.StoreKeys;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.LocalKms;
import io.veridict.streams.crypto.OpenedPayload;
import io.veridict.streams.crypto.PayloadOpener;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** Encryption for tests: a real {@link LocalKms} with a key-encryption key made for the test. */
public final class TestCrypto {

    private TestCrypto() {
    }

    /** A fresh KMS with one new KEK, and the default data key rotation. */
    public static LedgerCrypto crypto() {
        return LedgerCrypto.of(LocalKms.parse(LocalKms.generate("test-kek")));
    }

    /** Opens payloads with the data keys a test driver's chain stored. */
    public static PayloadOpener opener(LedgerCrypto crypto, TopologyTestDriver driver) {
        KeyValueStore<Bytes, WrappedDataKey> keys = driver.getKeyValueStore(ChainStores.KEYS);
        return new PayloadOpener(crypto.kms(), (tenant, keyId) -> keys.get(StoreKeys.dataKey(tenant, keyId)));
    }

    /** The opened payload of {@code envelope}, which must open. */
    public static OpenedPayload open(PayloadOpener opener, String tenant, long seq, PayloadEnvelope envelope) {
        OpenedPayload opened = opener.open(tenant, seq, envelope);
        if (opened == null || !opened.readable()) {
            throw new AssertionError("payload " + tenant + "/" + seq + " does not open: " + opened);
        }
        return opened;
    }
}
