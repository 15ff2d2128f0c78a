package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Valid chains built with the format library, for tests that need no broker. */
final class TestChains {

    /** One entry, its canonical payload and the salt stored with it (null for a format version 1 entry). */
    record Link(EntryHeader header, byte[] payload, byte[] salt) {
    }

    private TestChains() {
    }

    /** {@code size} chained decision entries of {@code tenant}, from genesis, in the current format version. */
    static List<Link> chain(String tenant, int size) {
        return chain(tenant, size, LedgerFormat.CURRENT_VERSION);
    }

    /** {@code size} chained decision entries of {@code tenant}, from genesis, in {@code version}. */
    static List<Link> chain(String tenant, int size, int version) {
        List<Link> links = new ArrayList<>();
        byte[] prev = ChainHead.genesis(tenant).chainHash();
        for (int seq = 0; seq < size; seq++) {
            byte[] payload = payload(seq);
            byte[] salt = LedgerFormat.isSalted(version) ? salt(seq) : null;
            EntryHeader header = EntryHeader.seal(version, tenant, seq,
                    "00000000-0000-7000-8000-" + String.format("%012d", seq), seq % 3 == 2 ? "KEY_OPERATION" : "DECISION",
                    1_750_000_000_000L + seq, 1_750_000_000_100L + seq, seq % 2 == 0 ? "key_live_7Hq2" : null,
                    "req-" + seq, LedgerHashes.payloadHash(version, payload, salt), prev);
            links.add(new Link(header, payload, salt));
            prev = header.chainHash();
        }
        return links;
    }

    /**
     * Appends to {@code links} the erasure record of a retention run that erased {@code seqs}
     * (ledger format §4.5), chained after the last link, in the current format version.
     */
    static Link appendErasureRecord(List<Link> links, long... seqs) {
        Link last = links.get(links.size() - 1);
        int seq = links.size();
        List<Long> erased = java.util.Arrays.stream(seqs).boxed().toList();
        byte[] payload = new io.veridict.streams.retention.RetentionOperation(
                io.veridict.streams.retention.RetentionOperation.Kind.RETENTION_APPLIED, 1, null, null, "compliance",
                null, null, null, null, null, new io.veridict.streams.retention.RetentionPlan(erased, 0, false)).payload();
        byte[] salt = salt(seq);
        EntryHeader header = EntryHeader.seal(LedgerFormat.CURRENT_VERSION, last.header().tenantId(), seq,
                "00000000-0000-7000-8000-" + String.format("%012d", seq), "RETENTION_OPERATION",
                1_750_000_000_000L + seq, 1_750_000_000_100L + seq, "key_live_7Hq2", "req-" + seq,
                LedgerHashes.saltedPayloadHash(salt, payload), last.header().chainHash());
        Link link = new Link(header, payload, salt);
        links.add(link);
        return link;
    }

    /** A canonical payload with non-ASCII text, as the chain processor would store it. */
    static byte[] payload(int seq) {
        return ("{\"context\":{\"applicant\":\"Zoë " + seq + "\"},\"decision\":\"approve\",\"decision_id\":\"d-" + seq
                + "\",\"evidence\":[],\"kind\":\"decision\",\"metadata\":null,\"policy\":null,\"violations\":[]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A fixed salt per seq: 32 bytes of {@code seq + 1}. */
    static byte[] salt(int seq) {
        byte[] salt = new byte[LedgerFormat.SALT_SIZE];
        java.util.Arrays.fill(salt, (byte) (seq + 1));
        return salt;
    }

    /** A copy of {@code header} with another correlation id, hashes untouched (a tampered header). */
    static EntryHeader withCorrelationId(EntryHeader h, String correlationId) {
        return new EntryHeader(h.formatVersion(), h.tenantId(), h.seq(), h.entryId(), h.entryType(), h.receivedAtMs(),
                h.recordedAtMs(), h.actorKeyIdOrNull(), correlationId, h.payloadHash(), h.leafHash(), h.prevChainHash(),
                h.chainHash());
    }
}
