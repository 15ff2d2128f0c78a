package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.format.PayloadAccounting;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.PayloadIndex.Seen;
import io.veridict.verifier.PayloadIndex.State;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import io.veridict.verifier.TestChains.Link;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay's per-tenant verdict: header checks by the chain verifier, payload hashes from the index. */
class TenantReplayTest {

    private static final HexFormat HEX = HexFormat.of();

    private final List<Link> chain = TestChains.chain("acme", 5);
    private final TenantReplay replay = new TenantReplay("acme", "t.entries", "t.payloads", 2);

    @Test
    void shouldVerifyEntriesAgainstPayloadHashesAndCountErasedAndEncrypted() {
        List<Link> links = new ArrayList<>(chain);
        Link record = TestChains.appendErasureRecord(links, 1, 2);
        for (int seq = 0; seq < 5; seq++) {
            Seen payload = switch (seq) {
                case 1 -> null;
                case 2 -> new Seen(State.ERASED, null, false, 2, 100, null);
                case 3 -> new Seen(State.ENCRYPTED, null, false, 2, 101, null);
                default -> present(chain.get(seq), 90 + seq);
            };
            replay.accept(chain.get(seq).header(), payload, 10 + seq);
        }
        replay.accept(record.header(), erasureRecord(record, 95), 15);

        TenantResult result = replay.finish();
        assertThat(result.verified()).isTrue();
        assertThat(result.entriesVerified()).isEqualTo(6);
        assertThat(result.erasedPayloads()).isEqualTo(2);
        assertThat(result.encryptedPayloads()).isEqualTo(1);
        assertThat(result.payloads().erasures()).containsExactly(new PayloadAccounting.Erasure(5, "RETENTION_APPLIED", 2));
        assertThat(result.head().merkleRoot()).hasValueSatisfying(root -> assertThat(root)
                .isEqualTo(MerkleTree.root(links.stream().map(l -> l.header().leafHash()).toList())));
        assertThat(replay.failureOrNull()).isNull();
    }

    @Test
    void shouldFailOnAnAbsentPayloadNoErasureRecordNamesAtItsEntry() {
        List<Link> links = new ArrayList<>(chain);
        Link record = TestChains.appendErasureRecord(links, 1);
        for (int seq = 0; seq < 5; seq++) {
            replay.accept(chain.get(seq).header(), seq == 1 || seq == 3 ? null : present(chain.get(seq), 90 + seq), 10 + seq);
        }
        replay.accept(record.header(), erasureRecord(record, 95), 15);

        TenantResult result = replay.finish();
        assertThat(result.verified()).isFalse();
        assertThat(result.entriesVerified()).as("the header chain verified").isEqualTo(6);
        AuditFailure failure = replay.failureOrNull();
        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_MISSING);
        assertThat(failure.seqOrNull()).isEqualTo(3);
        assertThat(failure.location()).isEqualTo(new KafkaRecord("t.entries", 2, 13));
        assertThat(result.payloads().unaccounted()).isEqualTo(1);
    }

    @Test
    void shouldNotCountAnErasureRecordWhosePayloadDoesNotMatch() {
        List<Link> links = new ArrayList<>(chain);
        Link record = TestChains.appendErasureRecord(links, 1);
        Link other = TestChains.appendErasureRecord(new ArrayList<>(chain), 1, 3);
        for (int seq = 0; seq < 5; seq++) {
            replay.accept(chain.get(seq).header(), seq == 1 ? null : present(chain.get(seq), 90 + seq), 10 + seq);
        }
        replay.accept(record.header(), erasureRecord(new Link(record.header(), other.payload(), record.salt()), 95), 15);

        assertThat(replay.finish().verified()).isFalse();
        assertThat(replay.failureOrNull().kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
    }

    @Test
    void shouldStopAtAPayloadWhoseHashDiffersAndReportTheHeadBeforeIt() {
        byte[] forged = "{\"forged\":true}".getBytes(StandardCharsets.UTF_8);
        replay.accept(chain.get(0).header(), present(chain.get(0), 40), 10);
        replay.accept(chain.get(1).header(), present(chain.get(1), 41), 11);
        replay.accept(chain.get(2).header(), present(new Link(chain.get(2).header(), forged, chain.get(2).salt()), 77), 12);
        replay.accept(chain.get(3).header(), null, 13);

        TenantResult result = replay.finish();
        assertThat(result.verified()).isFalse();
        assertThat(result.entriesVerified()).isEqualTo(2);
        assertThat(result.head().chainHash()).isEqualTo(chain.get(1).header().chainHash());
        assertThat(result.head().merkleRoot()).hasValueSatisfying(root -> assertThat(root)
                .isEqualTo(MerkleTree.root(List.of(chain.get(0).header().leafHash(), chain.get(1).header().leafHash()))));
        AuditFailure failure = replay.failureOrNull();
        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
        assertThat(failure.seqOrNull()).isEqualTo(2);
        assertThat(failure.location()).isEqualTo(new KafkaRecord("t.payloads", 2, 77));
        assertThat(failure.expectedOrNull()).isEqualTo(HEX.formatHex(chain.get(2).header().payloadHash()));
        assertThat(failure.actualOrNull()).isEqualTo(HEX.formatHex(LedgerHashes.saltedPayloadHash(chain.get(2).salt(), forged)));
        assertThat(failure.detail()).contains("t.entries partition 2 offset 12");
    }

    @Test
    void shouldRequireTheSaltThatTheEntrysVersionHas() {
        List<Link> v1 = TestChains.chain("acme", 2, 1);
        TenantReplay unsalted = new TenantReplay("acme", "t.entries", "t.payloads", 2);
        unsalted.accept(chain.get(0).header(), new Seen(State.PRESENT, LedgerHashes.payloadHash(chain.get(0).payload()),
                false, 2, 40, null), 10);
        assertThat(unsalted.finish().verified()).isFalse();
        assertThat(unsalted.failureOrNull().kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
        assertThat(unsalted.failureOrNull().detail()).contains("(format version 2) has no salt stored with it");

        TenantReplay salted = new TenantReplay("acme", "t.entries", "t.payloads", 2);
        salted.accept(v1.get(0).header(), new Seen(State.PRESENT, LedgerHashes.payloadHash(v1.get(0).payload()),
                false, 2, 40, null), 10);
        salted.accept(v1.get(1).header(), new Seen(State.PRESENT, new byte[32], true, 2, 41, null), 11);
        assertThat(salted.finish().entriesVerified()).isEqualTo(1);
        assertThat(salted.failureOrNull().detail()).contains("(format version 1) has a salt stored with it");

        TenantReplay shortSalt = new TenantReplay("acme", "t.entries", "t.payloads", 2);
        shortSalt.accept(chain.get(0).header(), new Seen(State.PRESENT, null, true, 2, 40,
                "the salt stored with the payload has 7 bytes, not 32"), 10);
        assertThat(shortSalt.finish().verified()).isFalse();
        assertThat(shortSalt.failureOrNull().kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
        assertThat(shortSalt.failureOrNull().detail()).contains("7 bytes, not 32");
    }

    @Test
    void shouldReportTheVerifiersFailureAtTheEntryOffset() {
        replay.accept(chain.get(0).header(), null, 10);
        replay.accept(chain.get(0).header(), null, 11);

        assertThat(replay.finish().entriesVerified()).isEqualTo(1);
        AuditFailure failure = replay.failureOrNull();
        assertThat(failure.kind()).isEqualTo(Kind.SEQ_DUPLICATE);
        assertThat(failure.location()).isEqualTo(new KafkaRecord("t.entries", 2, 11));
    }

    @Test
    void shouldLetAnEarlierTooHighSeqWinOverALaterUnreadableRecord() {
        replay.accept(chain.get(0).header(), null, 10);
        replay.accept(chain.get(2).header(), null, 11);
        replay.fail(Kind.UNREADABLE_RECORD, 1L, new KafkaRecord("t.entries", 2, 12), null, null, "garbage");

        replay.finish();
        AuditFailure failure = replay.failureOrNull();
        assertThat(failure.kind()).isEqualTo(Kind.SEQ_GAP);
        assertThat(failure.seqOrNull()).isEqualTo(2);
        assertThat(failure.location()).isEqualTo(new KafkaRecord("t.entries", 2, 11));
    }

    @Test
    void shouldStopAtAnUnreadableRecordBetweenGoodEntries() {
        replay.accept(chain.get(0).header(), null, 10);
        replay.fail(Kind.UNREADABLE_RECORD, 1L, new KafkaRecord("t.entries", 2, 11), null, null, "garbage");
        replay.accept(chain.get(1).header(), null, 12);

        TenantResult result = replay.finish();
        assertThat(result.entriesVerified()).isEqualTo(1);
        assertThat(result.head().chainHash()).isEqualTo(chain.get(0).header().chainHash());
        assertThat(replay.failureOrNull().kind()).isEqualTo(Kind.UNREADABLE_RECORD);
    }

    @Test
    void shouldReportAnUnreadablePayloadAtItsOwnRecord() {
        replay.accept(chain.get(0).header(), new Seen(State.UNREADABLE, null, false, 2, 55, "UNKNOWN_SCHEMA_ID: no such id"), 10);

        replay.finish();
        AuditFailure failure = replay.failureOrNull();
        assertThat(failure.kind()).isEqualTo(Kind.UNREADABLE_RECORD);
        assertThat(failure.location()).isEqualTo(new KafkaRecord("t.payloads", 2, 55));
        assertThat(failure.detail()).contains("UNKNOWN_SCHEMA_ID");
    }

    private static Seen present(Link link, long offset) {
        return new Seen(State.PRESENT, LedgerHashes.saltedPayloadHash(link.salt(), link.payload()), true, 2, offset, null);
    }

    private static Seen erasureRecord(Link link, long offset) {
        return new Seen(State.PRESENT, LedgerHashes.saltedPayloadHash(link.salt(), link.payload()), true, 2, offset, null,
                PayloadAccounting.ErasureRecord.parseOrNull(link.header().seq(), link.payload()));
    }
}
