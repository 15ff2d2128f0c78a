package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import io.veridict.verifier.TopicRecords.Rec;
import io.veridict.streams.chain.Receipts;
import io.veridict.streams.topics.LedgerTopics;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay verifier on a real broker and registry, over a chain written by the production
 * topology: acme (50 entries) and initech (10) share partition 0, globex (30) lives in
 * partition 1. Every tampering is made on a copy of the topics under its own prefix (a Kafka
 * log cannot be rewritten in place) and must be detected and pinpointed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicReplayVerifierIT {

    private static final String PREFIX = "ledger-it.";
    private static final HexFormat HEX = HexFormat.of();

    private ChainedLedger ledger;
    private List<Rec> entries;
    private List<Rec> payloads;

    @BeforeAll
    void chainThreeTenants(@TempDir Path tmp) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("acme", 50);
        counts.put("globex", 30);
        counts.put("initech", 10);
        ledger = ChainedLedger.chain(tmp, PREFIX, counts);
        entries = TopicRecords.readAll(ledger.bootstrap(), PREFIX + "entries");
        payloads = TopicRecords.readAll(ledger.bootstrap(), PREFIX + "payloads");
    }

    @AfterAll
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void shouldVerifyEveryTenantWithTheHeadsTheChainHandedOut() throws Exception {
        List<String> updates = Collections.synchronizedList(new ArrayList<>());
        ReplayReport report = verifier(PREFIX).verify((phase, done, total) -> updates.add(phase + " " + done + "/" + total));

        assertThat(report.verified()).as(ReplayReportText.render(report)).isTrue();
        assertThat(report.entriesRead()).isEqualTo(90);
        assertThat(report.erasedPayloads()).isZero();
        assertThat(report.tenants()).extracting(TenantResult::tenantId).containsExactly("acme", "globex", "initech");
        assertThat(report.tenants()).extracting(TenantResult::entriesVerified).containsExactly(50L, 30L, 10L);
        for (TenantResult tenant : report.tenants()) {
            List<EntryReceipt> receipts = ledger.receipts.get(tenant.tenantId());
            assertThat(tenant.head().chainHash()).isEqualTo(receipts.get(receipts.size() - 1).getChainHash().bytes());
            assertThat(tenant.head().merkleRoot()).hasValueSatisfying(root -> assertThat(root)
                    .isEqualTo(MerkleTree.root(receipts.stream().map(r -> r.getLeafHash().bytes()).toList())));
        }
        // Progress counts offsets (records and transaction markers) and ends each phase at its total.
        assertThat(updates).anyMatch(u -> u.matches("PAYLOADS (\\d+)/\\1")).last().asString().matches("ENTRIES (\\d+)/\\1");
        assertThat(updates).first().asString().matches("PAYLOADS 0/\\d+");
    }

    @Test
    void shouldReadOnlyTheTenantsAskedFor() throws Exception {
        ReplayReport report = new TopicReplayVerifier(settings(PREFIX).withTenants(List.of("globex", "nobody")), ledger.client)
                .verify(ReplayProgress.NONE);

        assertThat(report.verified()).isTrue();
        assertThat(report.entriesRead()).isEqualTo(30);
        assertThat(report.tenants()).extracting(TenantResult::tenantId, TenantResult::entriesVerified)
                .containsExactly(tuple("globex", 30L), tuple("nobody", 0L));
    }

    @Test
    void shouldPinpointAnAlteredHeaderField() throws Exception {
        Rec original = entry("acme", 10);
        LedgerEntry altered = decode(original);
        altered.setCorrelationId("corr-forged");
        Rec tampered = original.withValue(encode(original, altered));
        List<Rec> copy = replace(entries, original, tampered);

        AuditFailure failure = singleFailure(tamper("altered-header", copy, payloads));

        assertThat(failure.kind()).isEqualTo(Kind.LEAF_HASH_MISMATCH);
        assertPinpointed(failure, "acme", 10, "entries", 0, TopicRecords.copyOffset(copy, tampered));
        assertThat(failure.expectedOrNull()).isEqualTo(HEX.formatHex(LedgerHashes.leafHash(AvroHeaders.fromAvro(altered))));
        assertThat(failure.actualOrNull()).isEqualTo(HEX.formatHex(decode(original).getLeafHash().bytes()));
    }

    @Test
    void shouldPinpointAPayloadReplacedByALaterValueForItsKey() throws Exception {
        Rec original = payload("acme", 7);
        byte[] forged = "{\"decision\":\"approve\",\"forged\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] salt = salt(original);
        Rec later = new Rec(0, -1, original.key(), envelope(forged, salt));
        List<Rec> copy = new ArrayList<>(payloads);
        copy.add(later);

        AuditFailure failure = singleFailure(tamper("altered-payload", entries, copy));

        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
        assertPinpointed(failure, "acme", 7, "payloads", 0, TopicRecords.copyOffset(copy, later));
        assertThat(failure.expectedOrNull()).isEqualTo(HEX.formatHex(decode(entry("acme", 7)).getPayloadHash().bytes()));
        assertThat(failure.actualOrNull()).isEqualTo(HEX.formatHex(LedgerHashes.saltedPayloadHash(salt, forged)));
    }

    @Test
    void shouldPinpointAPayloadWhoseSaltWasReplacedOrDropped() throws Exception {
        Rec original = payload("globex", 3);
        byte[] payload = opened(original).bytesOrNull();
        assertThat(decode(entry("globex", 3)).getFormatVersion()).as("the chain writes format version 2").isEqualTo(2);
        assertThat(decode(entry("globex", 3)).getPayloadHash().bytes())
                .isEqualTo(LedgerHashes.saltedPayloadHash(salt(original), payload))
                .isNotEqualTo(LedgerHashes.payloadHash(payload));

        for (byte[] salt : new byte[][] {new byte[32], null}) {
            Rec later = new Rec(1, -1, original.key(), envelope(payload, salt));
            List<Rec> copy = new ArrayList<>(payloads);
            copy.add(later);
            AuditFailure failure = singleFailure(tamper(salt == null ? "dropped-salt" : "other-salt", entries, copy));

            assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
            assertPinpointed(failure, "globex", 3, "payloads", 1, TopicRecords.copyOffset(copy, later));
        }
    }

    @Test
    void shouldPinpointADeletedEntryAsAGap() throws Exception {
        List<Rec> copy = without(entries, entry("acme", 20));
        List<Rec> payloadCopy = without(payloads, payload("acme", 20));

        AuditFailure failure = singleFailure(tamper("deleted", copy, payloadCopy));

        assertThat(failure.kind()).isEqualTo(Kind.SEQ_GAP);
        assertPinpointed(failure, "acme", 21, "entries", 0, TopicRecords.copyOffset(copy, entry("acme", 21)));
        assertThat(failure.expectedOrNull()).isEqualTo("20");
        assertThat(failure.actualOrNull()).isEqualTo("21");
    }

    @Test
    void shouldPinpointAReorderedPair() throws Exception {
        List<Rec> copy = new ArrayList<>(entries);
        Collections.swap(copy, copy.indexOf(entry("acme", 30)), copy.indexOf(entry("acme", 31)));

        AuditFailure failure = singleFailure(tamper("reordered", copy, payloads));

        assertThat(failure.kind()).isEqualTo(Kind.SEQ_REORDERED);
        assertPinpointed(failure, "acme", 31, "entries", 0, TopicRecords.copyOffset(copy, entry("acme", 31)));
        assertThat(failure.expectedOrNull()).isEqualTo("30");
    }

    @Test
    void shouldPinpointADuplicatedEntry() throws Exception {
        Rec last = entry("globex", 29);
        Rec again = new Rec(1, -1, last.key(), last.value());
        List<Rec> copy = new ArrayList<>(entries);
        copy.add(again);

        AuditFailure failure = singleFailure(tamper("duplicate", copy, payloads));

        assertThat(failure.kind()).isEqualTo(Kind.SEQ_DUPLICATE);
        assertPinpointed(failure, "globex", 29, "entries", 1, TopicRecords.copyOffset(copy, again));
        assertThat(failure.expectedOrNull()).isEqualTo("30");
        assertThat(failure.detail()).contains("identical copy");
    }

    @Test
    void shouldPinpointAForgedEntryAppendedWithAMadeUpPrevHash() throws Exception {
        byte[] madeUp = LedgerHashes.payloadHash("not the head".getBytes(StandardCharsets.UTF_8));
        byte[] forgedPayload = "{\"decision\":\"approve\"}".getBytes(StandardCharsets.UTF_8);
        EntryHeader forged = EntryHeader.seal(LedgerFormat.VERSION_1, "acme", 50, "00000000-0000-7000-8000-00000000f0f0",
                "DECISION", 1_750_000_000_000L, 1_750_000_000_001L, null, "corr-forged",
                LedgerHashes.payloadHash(forgedPayload), madeUp);
        byte[] key = ledger.serdes.entryKeys().serializer().serialize(PREFIX + "entries", new EntryKey("acme", 50L));
        Rec forgedEntry = new Rec(0, -1, key, ledger.serdes.entries().serializer().serialize(PREFIX + "entries",
                new EntryRun(List.of(new RunEntry(Receipts.toAvro(forged, EntryType.DECISION), null)))));
        List<Rec> copy = new ArrayList<>(entries);
        copy.add(forgedEntry);
        List<Rec> payloadCopy = new ArrayList<>(payloads);
        payloadCopy.add(new Rec(0, -1, key, envelope(forgedPayload)));

        AuditFailure failure = singleFailure(tamper("forged", copy, payloadCopy));

        assertThat(failure.kind()).isEqualTo(Kind.PREV_HASH_MISMATCH);
        assertPinpointed(failure, "acme", 50, "entries", 0, TopicRecords.copyOffset(copy, forgedEntry));
        List<EntryReceipt> acme = ledger.receipts.get("acme");
        assertThat(failure.expectedOrNull()).isEqualTo(HEX.formatHex(acme.get(49).getChainHash().bytes()));
        assertThat(failure.actualOrNull()).isEqualTo(HEX.formatHex(madeUp));
    }

    @Test
    void shouldReportAPayloadWithoutEntryAsAnOrphan() throws Exception {
        byte[] forged = "{\"decision\":\"deny\"}".getBytes(StandardCharsets.UTF_8);
        Rec orphan = new Rec(0, -1, ledger.serdes.entryKeys().serializer().serialize(PREFIX + "entries", new EntryKey("initech", 10L)),
                envelope(forged));
        List<Rec> copy = new ArrayList<>(payloads);
        copy.add(orphan);

        ReplayReport report = tamper("orphan", entries, copy);

        assertThat(report.verified()).isFalse();
        assertThat(report.failures()).isEmpty();
        assertThat(report.orphans()).singleElement().satisfies(o -> {
            assertThat(o.tenantId()).isEqualTo("initech");
            assertThat(o.seq()).isEqualTo(10);
            assertThat(o.location()).isEqualTo(new KafkaRecord("tampered-orphan.payloads", 0, TopicRecords.copyOffset(copy, orphan)));
            assertThat(o.payloadHashOrNull()).isEqualTo(HEX.formatHex(LedgerHashes.payloadHash(forged)));
        });
    }

    @Test
    void shouldReportAnUndecodableRecordAsAFailureOfTheTenantItsKeyNames() throws Exception {
        Rec garbage = new Rec(0, -1, entry("acme", 49).key(), new byte[] {0, 0, 0, 0, 1, 42});
        List<Rec> copy = new ArrayList<>(entries);
        copy.add(garbage);

        AuditFailure failure = singleFailure(tamper("unreadable", copy, payloads));

        assertThat(failure.kind()).isEqualTo(Kind.UNREADABLE_RECORD);
        assertPinpointed(failure, "acme", 49, "entries", 0, TopicRecords.copyOffset(copy, garbage));
    }

    @Test
    void shouldReportAnEntryOutsideItsTenantsPartition() throws Exception {
        Rec misplaced = new Rec(2, -1, entry("globex", 29).key(), entry("globex", 29).value());
        List<Rec> copy = new ArrayList<>(entries);
        copy.add(misplaced);

        AuditFailure failure = singleFailure(tamper("partition", copy, payloads));

        assertThat(failure.kind()).isEqualTo(Kind.WRONG_PARTITION);
        assertPinpointed(failure, "globex", 29, "entries", 2, 0);
        assertThat(failure.expectedOrNull()).isEqualTo("1");
    }

    @Test
    void shouldFailAPayloadTombstonedWithoutAnErasureRecordAtItsEntryWithTheHeaderChainVerified() throws Exception {
        List<Rec> copy = new ArrayList<>(payloads);
        copy.add(new Rec(1, -1, payload("globex", 3).key(), null));

        ReplayReport report = tamper("erased", entries, copy);

        AuditFailure failure = singleFailure(report);
        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_MISSING);
        assertPinpointed(failure, "globex", 3, "entries", 1, TopicRecords.copyOffset(entries, entry("globex", 3)));
        assertThat(report.erasedPayloads()).isEqualTo(1);
        assertThat(report.tenants()).filteredOn(t -> t.tenantId().equals("globex")).singleElement().satisfies(t -> {
            assertThat(t.erasedPayloads()).isEqualTo(1);
            assertThat(t.entriesVerified()).as("the header chain verified").isEqualTo(30);
            assertThat(t.payloads().unaccounted()).isEqualTo(1);
        });
    }

    @Test
    void shouldFindThePayloadOfAnEntryChainedBetweenItsSnapshotsOnALiveLedger() throws Exception {
        Rec lastEntry = entry("globex", 29);
        Rec lastPayload = payload("globex", 29);
        List<Rec> earlierEntries = new ArrayList<>(entries);
        earlierEntries.remove(lastEntry);
        List<Rec> earlierPayloads = new ArrayList<>(payloads);
        earlierPayloads.remove(lastPayload);
        String prefix = "tampered-live.";
        LedgerTopics topics = ledger.provision(prefix);
        TopicRecords.append(ledger.bootstrap(), topics.entries().name(), earlierEntries);
        TopicRecords.append(ledger.bootstrap(), topics.payloads().name(), earlierPayloads);

        ReplayReport report = verifier(prefix).betweenSnapshots(() -> {
            // globex's seq 29 is chained after the payloads snapshot, before the entries snapshot.
            TopicRecords.append(ledger.bootstrap(), topics.payloads().name(), List.of(lastPayload));
            TopicRecords.append(ledger.bootstrap(), topics.entries().name(), List.of(lastEntry));
        }).verify(ReplayProgress.NONE);

        assertThat(report.verified()).as(ReplayReportText.render(report)).isTrue();
        assertThat(report.erasedPayloads()).isZero();
        assertThat(report.orphans()).isEmpty();
    }

    @Test
    void shouldGiveUpWithinTheTimeoutWhenKafkaIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ReplaySettings unreachable = ReplaySettings.forPrefix("localhost:" + closedPort, PREFIX).withTimeout(Duration.ofSeconds(2));
        long started = System.nanoTime();

        assertThatThrownBy(() -> new TopicReplayVerifier(unreachable, ledger.client).verify(ReplayProgress.NONE))
                .isInstanceOf(ReplayException.class).hasMessageContaining("did not answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThatThrownBy(() -> verifier("no-such-prefix.").verify(ReplayProgress.NONE))
                .isInstanceOf(ReplayException.class).hasMessageContaining("topic no-such-prefix.payloads does not exist");
    }

    // --- helpers -------------------------------------------------------------------------

    /** Copies the (edited) entries and payloads into fresh topics under {@code tampered-<name>.} and verifies them. */
    private ReplayReport tamper(String name, List<Rec> entryRecords, List<Rec> payloadRecords) throws Exception {
        String prefix = "tampered-" + name + ".";
        LedgerTopics topics = ledger.provision(prefix);
        TopicRecords.append(ledger.bootstrap(), topics.entries().name(), entryRecords);
        TopicRecords.append(ledger.bootstrap(), topics.payloads().name(), payloadRecords);
        return verifier(prefix).verify(ReplayProgress.NONE);
    }

    private static AuditFailure singleFailure(ReplayReport report) {
        assertThat(report.verified()).isFalse();
        assertThat(report.failures()).as(ReplayReportText.render(report)).hasSize(1);
        assertThat(report.orphans()).isEmpty();
        return report.failures().get(0);
    }

    private static void assertPinpointed(AuditFailure failure, String tenant, long seq, String topic, int partition, long offset) {
        assertThat(failure.tenantOrNull()).isEqualTo(tenant);
        assertThat(failure.seqOrNull()).isEqualTo(seq);
        KafkaRecord location = (KafkaRecord) failure.location();
        assertThat(location.topic()).endsWith("." + topic);
        assertThat(location.partition()).isEqualTo(partition);
        assertThat(location.offset()).isEqualTo(offset);
    }

    private TopicReplayVerifier verifier(String prefix) {
        return new TopicReplayVerifier(settings(prefix), ledger.client);
    }

    private ReplaySettings settings(String prefix) {
        return ReplaySettings.forPrefix(ledger.bootstrap(), prefix);
    }

    private Rec entry(String tenant, long seq) {
        return find(entries, tenant, seq);
    }

    private Rec payload(String tenant, long seq) {
        return find(payloads, tenant, seq);
    }

    private Rec find(List<Rec> records, String tenant, long seq) {
        return records.stream().filter(r -> {
            EntryKey key = ledger.serdes.entryKeys().deserializer().deserialize("x", r.key());
            return key.getTenantId().equals(tenant) && key.getSeq() == seq;
        }).findFirst().orElseThrow();
    }

    /** The header of a one-entry run (ChainedLedger chains single commands). */
    private LedgerEntry decode(Rec record) {
        return ledger.serdes.entries().deserializer().deserialize("x", record.value()).getEntries().get(0).getHeader();
    }

    /** The record of {@code original}'s run with its header replaced by {@code header}. */
    private byte[] encode(Rec original, LedgerEntry header) {
        RunEntry entry = ledger.serdes.entries().deserializer().deserialize("x", original.value()).getEntries().get(0);
        return ledger.serdes.entries().serializer().serialize(PREFIX + "entries",
                new EntryRun(List.of(new RunEntry(header, entry.getOrigin()))));
    }

    private byte[] envelope(byte[] payload) {
        return envelope(payload, null);
    }

    private byte[] envelope(byte[] payload, byte[] saltOrNull) {
        return ledger.serdes.payloads().serializer().serialize(PREFIX + "payloads", PayloadEnvelope.newBuilder()
                .setCiphertext(ByteBuffer.wrap(payload)).setSalt(saltOrNull == null ? null : ByteBuffer.wrap(saltOrNull))
                .build());
    }

    private byte[] salt(Rec payloadRecord) {
        return opened(payloadRecord).saltOrNull();
    }

    /** A sealed payload record opened with the ledger's data keys: its clear bytes and salt. */
    private io.veridict.streams.crypto.OpenedPayload opened(Rec payloadRecord) {
        EntryKey key = ledger.serdes.entryKeys().deserializer().deserialize(PREFIX + "payloads", payloadRecord.key());
        PayloadEnvelope envelope = ledger.serdes.payloads().deserializer().deserialize(PREFIX + "payloads", payloadRecord.value());
        var opened = ledger.opener().open(key.getTenantId(), key.getSeq(), envelope);
        assertThat(opened.readable()).as(String.valueOf(opened)).isTrue();
        return opened;
    }

    private static List<Rec> replace(List<Rec> records, Rec original, Rec replacement) {
        return map(records, r -> r == original ? replacement : r);
    }

    private static List<Rec> without(List<Rec> records, Rec removed) {
        List<Rec> copy = new ArrayList<>(records);
        copy.remove(removed);
        return copy;
    }

    private static List<Rec> map(List<Rec> records, UnaryOperator<Rec> edit) {
        return records.stream().map(edit).toList();
    }
}
