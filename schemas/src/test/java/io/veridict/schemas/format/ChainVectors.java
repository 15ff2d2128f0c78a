package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.ChainFailure.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds {@code chains.json} (valid chains with every intermediate value) and
 * {@code tampering.json} (one vector per tampering kind, expected verdict written by hand and
 * confirmed against {@link ChainVerifier} while generating).
 */
final class ChainVectors {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChainVectors() {
    }

    static ObjectNode chains() {
        ObjectNode root = NODES.objectNode()
                .put("description", "Valid chains (docs/ledger-format.md §5-§9). For each chain: genesis, and per entry "
                        + "the header fields, the payload text (null when erased), leaf_bytes, and the stored hashes, all "
                        + "of which a verifier must recompute identically; payload_salt is the salt stored with a "
                        + "format version 2 payload (null in version 1 and once erased). 'expected' is the verifier's "
                        + "result.");
        root.putArray("format_versions").add(LedgerFormat.VERSION_1).add(LedgerFormat.VERSION_2);
        ArrayNode chains = root.putArray("chains");
        chains.add(chain("single-decision", "One decision entry (the worked example of spec §11).",
                SampleChains.singleDecision()));
        chains.add(chain("mixed-five", "Five entries mixing decisions, key operations and a retention run: the "
                + "payload of seq 2 has been erased by the run that seq 4 records, and is counted, not failed.", SampleChains.mixedFive()));
        chains.add(chain("unicode-tenant", "Tenant id, actor key id and payloads beyond ASCII (2- and 4-byte UTF-8).",
                SampleChains.unicodeTenant()));
        chains.add(chain("tenant-onboarding", "A tenant's ledger as the API starts it: seq 0 the TENANT_OPERATION "
                + "that created the tenant, seq 1 the KEY_OPERATION that created its first admin key, then two "
                + "decisions made with that key and a TENANT_OPERATION that suspended the tenant.",
                SampleChains.tenantOnboarding()));
        chains.add(chain("single-decision-v2", "Chain 'single-decision' written in format version 2: the payload "
                + "hash is salted (spec §4.4), so the leaf and chain hashes differ.", SampleChains.singleDecisionV2()));
        chains.add(chain("upgraded-ledger", "A ledger begun by a version 1 writer and continued by a version 2 "
                + "writer: seqs 0-1 version 1, seqs 2-5 version 2, each hashed under its own version; the payload "
                + "of seq 3 has been erased with its salt on request, which the erasure record of seq 5 names.", SampleChains.upgradedLedger()));
        chains.add(chain("policy-evaluation", "Version 2: a decision policy published (its document in the payload, "
                + "policy_hash its SHA-256), a decision the ledger evaluated against it, one recorded over its evaluation "
                + "with an override reason, and the policy's retirement (spec §4.1, §4.6; docs/policies.md §8 for the "
                + "evaluation hashes).", SampleChains.policyEvaluation()));
        return root;
    }

    static ObjectNode tampering() {
        ObjectNode root = NODES.objectNode()
                .put("description", "Tampered copies of chain 'mixed-five' of chains.json (tenant globex), and of "
                        + "chain 'upgraded-ledger' (tenant hooli) for the salted payloads of format version 2. Feed the "
                        + "entries in order, with their payloads and salts, to a verifier of tenant_id starting from "
                        + "genesis; it MUST report expected.kind at "
                        + "expected.seq, where position is the zero-based index in 'entries'. expected/actual/"
                        + "entries_checked are Veridict's evidence conventions (docs/ledger-format.md §9).");
        ArrayNode vectors = root.putArray("vectors");
        TamperingCase.all(SampleChains.mixedFive()).forEach(c -> vectors.add(tamperingVector(c)));
        TamperingCase.salted(SampleChains.upgradedLedger()).forEach(c -> vectors.add(tamperingVector(c)));
        return root;
    }

    private static ObjectNode chain(String name, String description, List<ChainEntry> entries) {
        String tenant = entries.get(0).header().tenantId();
        ObjectNode chain = NODES.objectNode().put("name", name).put("description", description)
                .put("tenant_id", tenant).put("genesis", HEX.formatHex(LedgerHashes.genesis(tenant)));
        ArrayNode array = chain.putArray("entries");
        entries.forEach(e -> array.add(VectorEntries.toJson(e, true)));
        ChainVerification result = verify(tenant, entries);
        ChainHead head = result.requireValid();
        chain.putObject("expected")
                .put("valid", true)
                .put("entries_checked", result.entriesChecked())
                .put("erased_payloads", result.erasedPayloads())
                .set("erasures", erasures(result));
        ((ObjectNode) chain.get("expected"))
                .put("head_seq", head.lastSeq())
                .put("head_chain_hash", HEX.formatHex(head.chainHash()))
                .put("merkle_size", head.size())
                .put("merkle_root", HEX.formatHex(head.merkleRoot().orElseThrow()))
                .put("frontier", HEX.formatHex(head.frontierOrNull().encode()));
        return chain;
    }

    private static ArrayNode erasures(ChainVerification result) {
        ArrayNode erasures = NODES.arrayNode();
        result.payloads().erasures().forEach(e -> erasures.addObject()
                .put("seq", e.seq()).put("operation", e.operation()).put("erased", e.erased()));
        return erasures;
    }

    private static ObjectNode tamperingVector(TamperingCase c) {
        ObjectNode vector = NODES.objectNode().put("name", c.name()).put("description", c.description())
                .put("tenant_id", c.tenantId());
        ArrayNode array = vector.putArray("entries");
        c.entries().forEach(e -> array.add(VectorEntries.toJson(e, false)));
        ChainVerification result = verify(c.tenantId(), c.entries());
        ChainFailure failure = result.failure().orElseThrow(
                () -> new IllegalStateException(c.name() + ": the verifier accepted the tampered chain"));
        if (failure.kind() != c.kind() || failure.seq() != c.seq() || failure.position() != c.position()) {
            throw new IllegalStateException(c.name() + ": expected " + c.kind() + " at seq " + c.seq()
                    + " position " + c.position() + ", verifier says " + failure);
        }
        vector.putObject("expected")
                .put("valid", false)
                .put("kind", failure.kind().name())
                .put("seq", failure.seq())
                .put("position", failure.position())
                .put("expected", failure.expected())
                .put("actual", failure.actual())
                .put("entries_checked", result.entriesChecked());
        return vector;
    }

    static ChainVerification verify(String tenant, List<ChainEntry> entries) {
        ChainVerifier verifier = ChainVerifier.fromGenesis(tenant);
        for (int i = 0; i < entries.size(); i++) {
            verifier.accept(entries.get(i).header(), entries.get(i).payloadOrNull(), entries.get(i).saltOrNull(), i);
        }
        return verifier.finish();
    }

    /** One tampering vector: how the base chain was changed and the verdict a verifier MUST reach. */
    record TamperingCase(String name, String description, List<ChainEntry> entries, Kind kind, long seq,
                         long position) {

        String tenantId() {
            return entries.get(0).header().tenantId();
        }

        /** Cases on chain 'upgraded-ledger': the salt of a version 2 payload, and the versions themselves. */
        static List<TamperingCase> salted(List<ChainEntry> base) {
            EntryHeader h2 = base.get(2).header();
            byte[] salt2 = base.get(2).salt();
            String rejected = base.get(2).payload();
            String offered = rejected.replace("REJECT", "OFFER");
            return List.of(
                    edit("altered-payload-salt", "the salt stored with the payload of seq 2 has one bit flipped", base,
                            l -> l.set(2, l.get(2).withSalt(HeaderEdit.flipped(salt2))), Kind.PAYLOAD_HASH_MISMATCH, 2, 2),
                    edit("missing-payload-salt", "the payload of seq 2 (format version 2) without its salt", base,
                            l -> l.set(2, l.get(2).withSalt(null)), Kind.PAYLOAD_HASH_MISMATCH, 2, 2),
                    edit("salt-on-version-1-payload", "a salt stored with the payload of seq 1 (format version 1)",
                            base, l -> l.set(1, l.get(1).withSalt(salt2)), Kind.PAYLOAD_HASH_MISMATCH, 1, 1),
                    edit("altered-salted-payload", "the payload of seq 2 says OFFER instead of REJECT; salt kept",
                            base, l -> l.set(2, l.get(2).withPayload(offered)), Kind.PAYLOAD_HASH_MISMATCH, 2, 2),
                    edit("version-2-entry-claims-version-1", "format_version of seq 2 set to 1, as if its payload "
                                    + "hash were a plain SHA-256", base,
                            l -> l.set(2, l.get(2).withHeader(HeaderEdit.of(h2).formatVersion(LedgerFormat.VERSION_1).build())),
                            Kind.LEAF_HASH_MISMATCH, 2, 2));
        }

        static List<TamperingCase> all(List<ChainEntry> base) {
            EntryHeader h2 = base.get(2).header();
            EntryHeader h3 = base.get(3).header();
            EntryHeader h4 = base.get(4).header();
            String paid = base.get(1).payload().replace("REFER", "APPROVE");
            byte[] paidHash = LedgerHashes.payloadHash(paid.getBytes(StandardCharsets.UTF_8));
            ChainEntry foreign = SampleChains.singleDecision().get(0);
            return List.of(
                    edit("altered-header-field", "recorded_at_ms of seq 2 changed by one millisecond", base,
                            l -> l.set(2, l.get(2).withHeader(HeaderEdit.of(h2).recordedAtMs(h2.recordedAtMs() + 1).build())),
                            Kind.LEAF_HASH_MISMATCH, 2, 2),
                    edit("altered-stored-leaf-hash", "the stored leaf_hash of seq 1 has one bit flipped", base,
                            l -> l.set(1, l.get(1).withHeader(HeaderEdit.of(l.get(1).header())
                                    .leafHash(HeaderEdit.flipped(l.get(1).header().leafHash())).build())),
                            Kind.LEAF_HASH_MISMATCH, 1, 1),
                    edit("altered-stored-chain-hash", "the stored chain_hash of seq 4 has one bit flipped", base,
                            l -> l.set(4, l.get(4).withHeader(HeaderEdit.of(h4).chainHash(HeaderEdit.flipped(h4.chainHash())).build())),
                            Kind.CHAIN_HASH_MISMATCH, 4, 4),
                    edit("altered-payload", "the payload of seq 1 says APPROVE instead of REFER", base,
                            l -> l.set(1, l.get(1).withPayload(paid)), Kind.PAYLOAD_HASH_MISMATCH, 1, 1),
                    edit("replaced-payload-with-updated-payload-hash", "the payload of seq 1 replaced and its "
                                    + "payload_hash updated to match, leaving the stored leaf hash as it was", base,
                            l -> l.set(1, new ChainEntry(HeaderEdit.of(l.get(1).header()).payloadHash(paidHash).build(), paid, false)),
                            Kind.LEAF_HASH_MISMATCH, 1, 1),
                    edit("rewritten-entry-with-recomputed-hashes", "seq 2 rewritten (recorded_at_ms) with its leaf and "
                                    + "chain hash recomputed; the link from seq 3 breaks", base,
                            l -> l.set(2, l.get(2).withHeader(HeaderEdit.of(h2).recordedAtMs(0).reseal())),
                            Kind.PREV_HASH_MISMATCH, 3, 3),
                    edit("payload-absent-without-erasure-record", "the payload of seq 1 is absent too, and the "
                                    + "erasure record of seq 4 names only seq 2", base,
                            l -> l.set(1, l.get(1).erasedCopy()), Kind.PAYLOAD_MISSING, 1, 1),
                    edit("erasure-record-payload-absent", "the payload of the erasure record (seq 4) is absent, so "
                                    + "nothing names the absent payload of seq 2", base,
                            l -> l.set(4, l.get(4).erasedCopy()), Kind.PAYLOAD_MISSING, 2, 2),
                    edit("deleted-entry", "seq 2 deleted", base, l -> l.remove(2), Kind.SEQ_GAP, 3, 2),
                    edit("deleted-entry-before-the-last", "seq 3 deleted; the gap is decided at the end of input",
                            base, l -> l.remove(3), Kind.SEQ_GAP, 4, 3),
                    edit("deleted-first-entry", "seq 0 deleted", base, l -> l.remove(0), Kind.SEQ_GAP, 1, 0),
                    edit("reordered-pair", "seq 2 and seq 3 swapped", base, l -> {
                        ChainEntry two = l.get(2);
                        l.set(2, l.get(3));
                        l.set(3, two);
                    }, Kind.SEQ_REORDERED, 3, 2),
                    edit("older-entry-replayed", "a copy of seq 1 appended after seq 4", base,
                            l -> l.add(l.get(1)), Kind.SEQ_REORDERED, 1, 5),
                    edit("duplicated-entry", "an identical copy of seq 2 right after it", base,
                            l -> l.add(3, l.get(2)), Kind.SEQ_DUPLICATE, 2, 3),
                    edit("conflicting-entry-with-same-seq", "a second, different, self-consistent seq 2 right after it",
                            base, l -> l.add(3, l.get(2).withHeader(HeaderEdit.of(h2).recordedAtMs(1).reseal())),
                            Kind.SEQ_DUPLICATE, 2, 3),
                    edit("forged-appended-entry-wrong-prev-hash", "a seq 5 appended with an all-zero prev_chain_hash "
                                    + "and hashes copied from seq 4", base,
                            l -> l.add(l.get(4).withHeader(HeaderEdit.of(h4).seq(5).prevChainHash(new byte[32]).build())),
                            Kind.PREV_HASH_MISMATCH, 5, 5),
                    edit("forged-appended-entry-self-consistent", "a seq 5 appended whose leaf and chain hashes are "
                                    + "correct for its fields, but which links to seq 3 instead of seq 4", base,
                            l -> l.add(l.get(4).withHeader(HeaderEdit.of(h4).seq(5).prevChainHash(h3.chainHash()).reseal())),
                            Kind.PREV_HASH_MISMATCH, 5, 5),
                    edit("first-entry-linked-to-another-genesis", "seq 0 re-sealed on the genesis of tenant acme", base,
                            l -> l.set(0, l.get(0).withHeader(HeaderEdit.of(l.get(0).header())
                                    .prevChainHash(LedgerHashes.genesis("acme")).reseal())),
                            Kind.PREV_HASH_MISMATCH, 0, 0),
                    edit("entry-of-another-tenant", "entry seq 0 of tenant acme inserted before seq 2", base,
                            l -> l.add(2, foreign), Kind.TENANT_MISMATCH, 0, 2),
                    edit("unsupported-format-version", "format_version of seq 3 set to 3", base,
                            l -> l.set(3, l.get(3).withHeader(HeaderEdit.of(h3).formatVersion(3).build())),
                            Kind.UNSUPPORTED_VERSION, 3, 3));
        }

        private static TamperingCase edit(String name, String description, List<ChainEntry> base,
                                          Consumer<List<ChainEntry>> change, Kind kind, long seq, long position) {
            List<ChainEntry> entries = new ArrayList<>(base);
            change.accept(entries);
            return new TamperingCase(name, description, List.copyOf(entries), kind, seq, position);
        }
    }
}
