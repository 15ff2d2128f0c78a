package io.veridict.schemas.format;

/** Test helper: copies an {@link EntryHeader} with some fields changed, optionally re-sealed. */
final class HeaderEdit {

    private int formatVersion;
    private String tenantId;
    private long seq;
    private String entryId;
    private String entryType;
    private long receivedAtMs;
    private long recordedAtMs;
    private String actorKeyId;
    private String correlationId;
    private byte[] payloadHash;
    private byte[] leafHash;
    private byte[] prevChainHash;
    private byte[] chainHash;

    private HeaderEdit(EntryHeader h) {
        formatVersion = h.formatVersion();
        tenantId = h.tenantId();
        seq = h.seq();
        entryId = h.entryId();
        entryType = h.entryType();
        receivedAtMs = h.receivedAtMs();
        recordedAtMs = h.recordedAtMs();
        actorKeyId = h.actorKeyIdOrNull();
        correlationId = h.correlationId();
        payloadHash = h.payloadHash();
        leafHash = h.leafHash();
        prevChainHash = h.prevChainHash();
        chainHash = h.chainHash();
    }

    static HeaderEdit of(EntryHeader header) {
        return new HeaderEdit(header);
    }

    HeaderEdit formatVersion(int value) {
        formatVersion = value;
        return this;
    }

    HeaderEdit tenantId(String value) {
        tenantId = value;
        return this;
    }

    HeaderEdit seq(long value) {
        seq = value;
        return this;
    }

    HeaderEdit recordedAtMs(long value) {
        recordedAtMs = value;
        return this;
    }

    HeaderEdit payloadHash(byte[] value) {
        payloadHash = value;
        return this;
    }

    HeaderEdit leafHash(byte[] value) {
        leafHash = value;
        return this;
    }

    HeaderEdit prevChainHash(byte[] value) {
        prevChainHash = value;
        return this;
    }

    HeaderEdit chainHash(byte[] value) {
        chainHash = value;
        return this;
    }

    /** The header with the edited fields and the stored hashes as they are. */
    EntryHeader build() {
        return new EntryHeader(formatVersion, tenantId, seq, entryId, entryType, receivedAtMs, recordedAtMs,
                actorKeyId, correlationId, payloadHash, leafHash, prevChainHash, chainHash);
    }

    /** The header with the edited fields and a leaf and chain hash recomputed to match them. */
    EntryHeader reseal() {
        return EntryHeader.seal(formatVersion, tenantId, seq, entryId, entryType, receivedAtMs, recordedAtMs,
                actorKeyId, correlationId, payloadHash, prevChainHash);
    }

    /** A copy of the hash with its last bit flipped. */
    static byte[] flipped(byte[] hash) {
        byte[] copy = hash.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }
}
