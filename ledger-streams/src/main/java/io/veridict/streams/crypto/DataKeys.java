package io.veridict.streams.crypto;

import java.nio.charset.StandardCharsets;

/** The associated data that binds a wrapped data key, and a sealed payload, to where they belong. */
final class DataKeys {

    private static final byte[] DATA_KEY_TAG = "veridict.data-key.v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_TAG = "veridict.payload-seal.v1".getBytes(StandardCharsets.UTF_8);

    private DataKeys() {
    }

    /** A data key is wrapped for one tenant and one key id: a wrapped key moved to another tenant does not unwrap. */
    static byte[] wrappingAad(String tenant, String keyId) {
        return new Aad().bytes(DATA_KEY_TAG).text(tenant).text(keyId).toByteArray();
    }

    /** A payload is sealed for one tenant, one seq and one key: moved elsewhere, it does not open. */
    static byte[] payloadAad(String tenant, long seq, String keyId) {
        return new Aad().bytes(PAYLOAD_TAG).text(tenant).number(seq).text(keyId).toByteArray();
    }
}
