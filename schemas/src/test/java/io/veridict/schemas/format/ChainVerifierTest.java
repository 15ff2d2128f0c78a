package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.format.ChainFailure.Kind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final List<ChainEntry> CHAIN = SampleChains.mixedFive();
    private static final String TENANT = "globex";

    @Test
    void aValidChainYieldsItsHeadAndMerkleRoot() {
        ChainVerification result = verify(CHAIN);
        assertThat(result.isValid()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
        ChainHead head = result.requireValid();
        assertThat(head.size()).isEqualTo(5);
        assertThat(head.lastSeq()).isEqualTo(4);
        assertThat(head.chainHash()).isEqualTo(CHAIN.get(4).header().chainHash());
        assertThat(head.merkleRoot()).hasValueSatisfying(
                root -> assertThat(root).isEqualTo(NaiveMerkle.mth(SampleChains.leafHashes(CHAIN))));
    }

    @Test
    void anErasedPayloadNamedByALaterErasureRecordIsCountedNotFailed() {
        ChainVerification result = verify(CHAIN);
        assertThat(CHAIN.get(2).erased()).isTrue();
        assertThat(result.isValid()).isTrue();
        assertThat(result.erasedPayloads()).isEqualTo(1);
        assertThat(result.payloads().erasures()).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(4);
            assertThat(e.operation()).isEqualTo("RETENTION_APPLIED");
            assertThat(e.erased()).isEqualTo(1);
        });
        assertThat(result.payloads().unaccounted()).isZero();
    }

    @Test
    void anAbsentPayloadNoRecordNamesFailsAtTheEndWithTheHeaderChainVerified() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.set(3, chain.get(3).erasedCopy());
        ChainVerification result = verify(chain);
        assertFailure(result, TENANT, Kind.PAYLOAD_MISSING, 3, 3, "an erasure record naming seq 3", "absent");
        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(result.head().chainHash()).isEqualTo(CHAIN.get(4).header().chainHash());
        assertThat(result.payloads().unaccounted()).isEqualTo(1);
    }

    @Test
    void aChainFailureWinsOverAnAbsentPayload() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN.subList(0, 4)); // the erasure record is cut off
        chain.set(3, chain.get(3).withHeader(HeaderEdit.of(chain.get(3).header()).recordedAtMs(1).build()));
        assertThat(verify(chain).failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Kind.LEAF_HASH_MISMATCH));
    }

    @Test
    void aRangeEndingBeforeTheErasureRecordReportsTheAbsentPayloadWithoutFailing() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(TENANT);
        for (int i = 0; i < 4; i++) {
            verifier.accept(CHAIN.get(i).header(), CHAIN.get(i).payloadOrNull(), CHAIN.get(i).saltOrNull(), i);
        }
        ChainVerification range = verifier.finishRange();
        assertThat(range.isValid()).isTrue();
        assertThat(range.payloads().unaccounted()).isEqualTo(1);
        assertThat(range.payloads().firstUnaccountedSeq()).isEqualTo(2);
    }

    @Test
    void aHeadersOnlyVerifierNeitherCountsNorAccountsPayloads() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(TENANT).headersOnly();
        for (ChainEntry entry : CHAIN) {
            verifier.accept(entry.header(), null);
        }
        ChainVerification result = verifier.finish();
        assertThat(result.isValid()).isTrue();
        assertThat(result.erasedPayloads()).isZero();
        assertThat(result.payloads().erasures()).isEmpty();
    }

    @Test
    void noEntriesAtAllVerifyToTheGenesisHead() {
        ChainVerification result = verify(List.of());
        assertThat(result.isValid()).isTrue();
        assertThat(result.head()).isEqualTo(ChainHead.genesis(TENANT));
        assertThat(result.head().merkleRoot()).hasValueSatisfying(r -> assertThat(r).isEqualTo(MerkleTree.emptyRoot()));
    }

    @Test
    void theHeadIsTheOneAfterTheLastEntryThatPassed() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(TENANT);
        assertThat(verifier.head()).isEqualTo(ChainHead.genesis(TENANT));
        verifier.accept(CHAIN.get(0).header(), CHAIN.get(0).payloadOrNull());
        verifier.accept(CHAIN.get(1).header(), CHAIN.get(1).payloadOrNull());
        ChainHead afterTwo = verifier.head();

        verifier.accept(CHAIN.get(3).header(), CHAIN.get(3).payloadOrNull()); // too high: waits for its verdict
        assertThat(verifier.head()).isEqualTo(afterTwo);
        verifier.accept(CHAIN.get(0).header(), CHAIN.get(0).payloadOrNull());

        assertThat(afterTwo.size()).isEqualTo(2);
        assertThat(afterTwo.chainHash()).isEqualTo(CHAIN.get(1).header().chainHash());
        assertThat(verifier.head()).isEqualTo(afterTwo).isEqualTo(verifier.finish().head());
    }

    @Test
    void anUnsupportedVersionIsRejectedFirst() {
        List<ChainEntry> chain = replace(CHAIN, 3, HeaderEdit.of(header(3)).formatVersion(3).tenantId("other").build());
        assertFailure(verify(chain), Kind.UNSUPPORTED_VERSION, 3, 3, "1,2", "3");
    }

    @Test
    void anEntryOfAnotherTenantIsATenantMismatch() {
        List<ChainEntry> foreign = SampleChains.singleDecision();
        List<ChainEntry> chain = new ArrayList<>(CHAIN.subList(0, 2));
        chain.add(foreign.get(0));
        assertFailure(verify(chain), Kind.TENANT_MISMATCH, 0, 2, TENANT, "acme");
    }

    @Test
    void aDeletedEntryIsAGapReportedAtTheEntryReadInItsPlace() {
        List<ChainEntry> chain = remove(CHAIN, 2);
        ChainVerification result = verify(chain);
        assertFailure(result, Kind.SEQ_GAP, 3, 2, "2", "3");
        assertThat(result.entriesChecked()).isEqualTo(2);
        assertThat(result.head().size()).isEqualTo(2);
    }

    @Test
    void aGapJustBeforeTheEndIsReportedWhenFinishing() {
        List<ChainEntry> chain = remove(CHAIN, 3);
        assertFailure(verify(chain), Kind.SEQ_GAP, 4, 3, "3", "4");
    }

    @Test
    void aSwappedPairIsReorderedAtTheFirstEntryOutOfPlace() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.set(2, CHAIN.get(3));
        chain.set(3, CHAIN.get(2));
        assertFailure(verify(chain), Kind.SEQ_REORDERED, 3, 2, "2", "3");
    }

    @Test
    void anOlderEntryReplayedLaterIsReordered() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.add(CHAIN.get(1));
        assertFailure(verify(chain), Kind.SEQ_REORDERED, 1, 5, "5", "1");
    }

    @Test
    void anIdenticalCopyIsADuplicateAtTheSecondCopy() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.add(3, CHAIN.get(2));
        ChainVerification result = verify(chain);
        assertFailure(result, Kind.SEQ_DUPLICATE, 2, 3, "3", "2");
        assertThat(result.failure().orElseThrow().detail()).contains("identical copy");
        assertThat(result.entriesChecked()).isEqualTo(3);
    }

    @Test
    void aConflictingEntryWithTheSameSeqIsADuplicate() {
        EntryHeader fork = HeaderEdit.of(header(2)).recordedAtMs(1L).reseal();
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.add(3, CHAIN.get(2).withHeader(fork));
        ChainVerification result = verify(chain);
        assertFailure(result, Kind.SEQ_DUPLICATE, 2, 3, "3", "2");
        assertThat(result.failure().orElseThrow().detail()).contains("conflicting");
    }

    @Test
    void aFirstEntryNotLinkedToGenesisIsAPrevHashMismatch() {
        EntryHeader unlinked = HeaderEdit.of(header(0)).prevChainHash(new byte[32]).reseal();
        List<ChainEntry> chain = replace(CHAIN, 0, unlinked);
        assertFailure(verify(chain), Kind.PREV_HASH_MISMATCH, 0, 0, hex(LedgerHashes.genesis(TENANT)), hex(new byte[32]));
    }

    @Test
    void aForgedAppendedEntryWithAWrongPrevHashIsRejected() {
        EntryHeader forged = HeaderEdit.of(header(4)).seq(5).prevChainHash(header(3).chainHash()).build();
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.add(CHAIN.get(4).withHeader(forged));
        assertFailure(verify(chain), Kind.PREV_HASH_MISMATCH, 5, 5, hex(header(4).chainHash()),
                hex(header(3).chainHash()));
    }

    @Test
    void aSelfConsistentForgeryLinkedToAStaleHeadIsAPrevHashMismatch() {
        EntryHeader forged = HeaderEdit.of(header(4)).seq(5).prevChainHash(header(3).chainHash()).reseal();
        assertThat(LedgerHashes.leafHash(forged)).isEqualTo(forged.leafHash());
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.add(CHAIN.get(4).withHeader(forged));
        assertFailure(verify(chain), Kind.PREV_HASH_MISMATCH, 5, 5, hex(header(4).chainHash()),
                hex(header(3).chainHash()));
    }

    @Test
    void anAlteredHeaderFieldIsALeafHashMismatch() {
        EntryHeader altered = HeaderEdit.of(header(2)).recordedAtMs(header(2).recordedAtMs() + 1).build();
        assertFailure(verify(replace(CHAIN, 2, altered)), Kind.LEAF_HASH_MISMATCH, 2, 2,
                hex(LedgerHashes.leafHash(altered)), hex(header(2).leafHash()));
    }

    @Test
    void anAlteredStoredLeafHashIsALeafHashMismatch() {
        EntryHeader altered = HeaderEdit.of(header(1)).leafHash(HeaderEdit.flipped(header(1).leafHash())).build();
        assertFailure(verify(replace(CHAIN, 1, altered)), Kind.LEAF_HASH_MISMATCH, 1, 1,
                hex(header(1).leafHash()), hex(altered.leafHash()));
    }

    @Test
    void anAlteredStoredChainHashIsAChainHashMismatch() {
        EntryHeader altered = HeaderEdit.of(header(4)).chainHash(HeaderEdit.flipped(header(4).chainHash())).build();
        assertFailure(verify(replace(CHAIN, 4, altered)), Kind.CHAIN_HASH_MISMATCH, 4, 4,
                hex(header(4).chainHash()), hex(altered.chainHash()));
    }

    @Test
    void anAlteredPayloadIsAPayloadHashMismatch() {
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        String altered = CHAIN.get(1).payload().replace("REFER", "APPROVE");
        chain.set(1, CHAIN.get(1).withPayload(altered));
        assertFailure(verify(chain), Kind.PAYLOAD_HASH_MISMATCH, 1, 1, hex(header(1).payloadHash()),
                hex(LedgerHashes.payloadHash(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aLedgerContinuedInVersionTwoVerifiesEachEntryUnderItsOwnVersion() {
        List<ChainEntry> upgraded = SampleChains.upgradedLedger();
        assertThat(upgraded).extracting(e -> e.header().formatVersion()).containsExactly(1, 1, 2, 2, 2, 2);
        ChainVerification result = verify("hooli", upgraded);
        assertThat(result.isValid()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(6);
        assertThat(result.erasedPayloads()).isEqualTo(1);
        assertThat(result.payloads().accounted()).isEqualTo(1);
    }

    @Test
    void onceAVersionTwoPayloadAndItsSaltAreGoneNoGuessMatchesItsHash() {
        ChainEntry erased = SampleChains.upgradedLedger().get(3);
        byte[] truth = erased.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] stored = erased.header().payloadHash();
        assertThat(LedgerHashes.payloadHash(truth)).as("the plain hash of the right guess").isNotEqualTo(stored);
        assertThat(LedgerHashes.saltedPayloadHash(new byte[32], truth)).as("the right guess under another salt")
                .isNotEqualTo(stored);
        assertThat(LedgerHashes.saltedPayloadHash(erased.salt(), truth)).as("only with the salt").isEqualTo(stored);
    }

    @Test
    void aVersionTwoPayloadFailsWithoutItsSaltWithAnotherSaltOrASaltOfTheWrongSize() {
        List<ChainEntry> upgraded = SampleChains.upgradedLedger();
        ChainEntry two = upgraded.get(2);
        String expected = hex(two.header().payloadHash());
        byte[] otherSalt = HeaderEdit.flipped(two.salt());
        byte[] payload = two.payloadOrNull();
        assertFailure(verify("hooli", with(upgraded, 2, two.withSalt(otherSalt))), "hooli", Kind.PAYLOAD_HASH_MISMATCH,
                2, 2, expected, hex(LedgerHashes.saltedPayloadHash(otherSalt, payload)));
        assertFailure(verify("hooli", with(upgraded, 2, two.withSalt(null))), "hooli", Kind.PAYLOAD_HASH_MISMATCH,
                2, 2, expected, "no salt");
        assertFailure(verify("hooli", with(upgraded, 2, two.withSalt(new byte[16]))), "hooli",
                Kind.PAYLOAD_HASH_MISMATCH, 2, 2, expected, "a salt of 16 bytes");
        assertFailure(verify("hooli", with(upgraded, 1, upgraded.get(1).withSalt(two.salt()))), "hooli",
                Kind.PAYLOAD_HASH_MISMATCH, 1, 1, hex(upgraded.get(1).header().payloadHash()), "a salt of 32 bytes");
    }

    @Test
    void aReplacedPayloadWithAnUpdatedPayloadHashIsALeafHashMismatch() {
        String altered = CHAIN.get(1).payload().replace("REFER", "APPROVE");
        byte[] newHash = LedgerHashes.payloadHash(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<ChainEntry> chain = new ArrayList<>(CHAIN);
        chain.set(1, new ChainEntry(HeaderEdit.of(header(1)).payloadHash(newHash).build(), altered, false));
        assertFailure(verify(chain), Kind.LEAF_HASH_MISMATCH, 1, 1, null, hex(header(1).leafHash()));
    }

    @Test
    void aRewrittenEntryWithRecomputedHashesBreaksTheLinkToTheNextEntry() {
        EntryHeader rewritten = HeaderEdit.of(header(2)).recordedAtMs(0).reseal();
        assertFailure(verify(replace(CHAIN, 2, rewritten)), Kind.PREV_HASH_MISMATCH, 3, 3,
                hex(rewritten.chainHash()), hex(header(2).chainHash()));
    }

    @Test
    void everythingAfterTheFirstFailureIsIgnored() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(TENANT);
        verifier.accept(header(1), null, 10);
        assertThat(verifier.hasFailed()).as("undecided until the next entry").isFalse();
        verifier.accept(header(0), null, 11);
        assertThat(verifier.hasFailed()).isTrue();
        verifier.accept(HeaderEdit.of(header(1)).formatVersion(9).build(), null, 12);
        assertFailure(verifier.finish(), Kind.SEQ_REORDERED, 1, 10, "0", "1");
        assertThat(verifier.finish().entriesChecked()).isZero();
    }

    @Test
    void aRangeCanBeVerifiedFromATrustedHead() {
        ChainVerification prefix = verify(CHAIN.subList(0, 3));
        ChainVerifier withFrontier = ChainVerifier.resumeFrom(prefix.head());
        ChainHead withoutFrontierHead = new ChainHead(TENANT, 3, header(2).chainHash(), null);
        ChainVerifier withoutFrontier = ChainVerifier.resumeFrom(withoutFrontierHead);
        for (ChainEntry entry : CHAIN.subList(3, 5)) {
            withFrontier.accept(entry.header(), entry.payloadOrNull());
            withoutFrontier.accept(entry.header(), entry.payloadOrNull());
        }
        assertThat(withFrontier.finish().requireValid()).isEqualTo(verify(CHAIN).head());
        ChainVerification partial = withoutFrontier.finish();
        assertThat(partial.entriesChecked()).isEqualTo(2);
        assertThat(partial.head().chainHash()).isEqualTo(header(4).chainHash());
        assertThat(partial.head().merkleRoot()).isEmpty();
    }

    @Test
    void aRangeMustStartRightAfterItsHead() {
        ChainVerifier verifier = ChainVerifier.resumeFrom(new ChainHead(TENANT, 3, header(2).chainHash(), null));
        verifier.accept(header(4), null, 40);
        verifier.accept(header(0), null, 41);
        assertFailure(verifier.finish(), Kind.SEQ_GAP, 4, 40, "3", "4");
    }

    @Test
    void requireValidThrowsWithTheEvidence() {
        ChainVerification result = verify(remove(CHAIN, 0));
        assertThatThrownBy(result::requireValid)
                .isInstanceOfSatisfying(ChainVerificationException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.SEQ_GAP))
                .hasMessageContaining("SEQ_GAP tenant=globex seq=1 position=0 expected=0 actual=1");
    }

    @Test
    void feedingAfterFinishIsAProgrammingError() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(TENANT);
        verifier.finish();
        assertThatThrownBy(() -> verifier.accept(header(0), null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeadRefusesAFrontierOfAnotherSize() {
        assertThatThrownBy(() -> new ChainHead(TENANT, 2, new byte[32], MerkleFrontier.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ChainVerification verify(List<ChainEntry> entries) {
        return verify(TENANT, entries);
    }

    static ChainVerification verify(String tenant, List<ChainEntry> entries) {
        ChainVerifier verifier = ChainVerifier.fromGenesis(tenant);
        for (int i = 0; i < entries.size(); i++) {
            verifier.accept(entries.get(i).header(), entries.get(i).payloadOrNull(), entries.get(i).saltOrNull(), i);
        }
        return verifier.finish();
    }

    private static void assertFailure(ChainVerification result, Kind kind, long seq, long position,
                                      String expected, String actual) {
        assertFailure(result, TENANT, kind, seq, position, expected, actual);
    }

    private static void assertFailure(ChainVerification result, String tenant, Kind kind, long seq, long position,
                                      String expected, String actual) {
        assertThat(result.isValid()).isFalse();
        ChainFailure failure = result.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.seq()).as("seq").isEqualTo(seq);
        assertThat(failure.position()).as("position").isEqualTo(position);
        assertThat(failure.tenantId()).isEqualTo(tenant);
        if (expected != null) {
            assertThat(failure.expected()).as("expected").isEqualTo(expected);
        }
        assertThat(failure.actual()).as("actual").isEqualTo(actual);
    }

    private static EntryHeader header(int seq) {
        return CHAIN.get(seq).header();
    }

    private static List<ChainEntry> replace(List<ChainEntry> chain, int index, EntryHeader header) {
        List<ChainEntry> copy = new ArrayList<>(chain);
        copy.set(index, chain.get(index).withHeader(header));
        return copy;
    }

    private static List<ChainEntry> with(List<ChainEntry> chain, int index, ChainEntry entry) {
        List<ChainEntry> copy = new ArrayList<>(chain);
        copy.set(index, entry);
        return copy;
    }

    private static List<ChainEntry> remove(List<ChainEntry> chain, int index) {
        List<ChainEntry> copy = new ArrayList<>(chain);
        copy.remove(index);
        return copy;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
