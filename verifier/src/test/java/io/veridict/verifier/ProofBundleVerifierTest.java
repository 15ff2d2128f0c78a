package io.veridict.verifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every way a proof bundle can fail to prove its entry, and the bundles that do. */
class ProofBundleVerifierTest {

    private static final NoteSigner LEDGER = NoteSigner.of("ledger.example", seed(1));
    private static final NoteSigner OTHER = NoteSigner.of("ledger.example", seed(2));
    private static final int SIZE = 11;

    private final List<EntryHeader> headers = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<byte[]> salts = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();

    ProofBundleVerifierTest() {
        byte[] prev = LedgerHashes.genesis("acme");
        for (int seq = 0; seq < SIZE; seq++) {
            byte[] payload = ("{\"decision\":\"approve\",\"n\":" + seq + "}").getBytes(UTF_8);
            byte[] salt = new byte[LedgerFormat.SALT_SIZE];
            salt[0] = (byte) seq;
            EntryHeader header = EntryHeader.seal(LedgerFormat.CURRENT_VERSION, "acme", seq, "entry-" + seq, "DECISION",
                    1_000L + seq, 2_000L + seq, "key-1", "corr-" + seq, LedgerHashes.saltedPayloadHash(salt, payload), prev);
            headers.add(header);
            payloads.add(payload);
            salts.add(salt);
            leaves.add(header.leafHash());
            prev = header.chainHash();
        }
    }

    private String bundle(int seq, NoteSigner signer, String origin, boolean erased) {
        String checkpoint = SignedNote.sign(new Checkpoint(origin, SIZE, MerkleTree.root(leaves)).text(), List.of(signer));
        return ProofBundle.of(headers.get(seq), erased ? null : payloads.get(seq), erased ? null : salts.get(seq),
                MerkleTree.inclusionProof(leaves, seq), checkpoint).text();
    }

    private String bundle(int seq) {
        return bundle(seq, LEDGER, "ledger.example/acme", false);
    }

    @Test
    void everyEntryIsProvedInTheSignedTreeWithOrWithoutItsPayload() throws Exception {
        for (int seq = 0; seq < SIZE; seq++) {
            ProofBundleVerifier.Verified verified = ProofBundleVerifier.verify(bundle(seq).getBytes(UTF_8), LEDGER.verifier());
            assertThat(verified.entry().header()).isEqualTo(headers.get(seq));
            assertThat(verified.checkpoint().size()).isEqualTo(SIZE);
        }
        ProofBundleVerifier.Verified erased = ProofBundleVerifier.verify(
                bundle(3, LEDGER, "ledger.example/acme", true).getBytes(UTF_8), LEDGER.verifier());
        assertThat(erased.entry().payloadOrNull()).isNull();
    }

    @Test
    void aRotatedLogIsTrustedWithItsKeysAndAHandoverCheckpointWithEither() throws Exception {
        NoteSigner rotated = NoteSigner.of("ledger.example", seed(4));
        String signedByNew = bundle(3, rotated, "ledger.example/acme", false);
        assertThatThrownBy(() -> ProofBundleVerifier.verify(signedByNew.getBytes(UTF_8), LEDGER.verifier()))
                .isInstanceOfSatisfying(ProofBundleException.class,
                        e -> assertThat(e.code()).isEqualTo(ProofBundleException.CHECKPOINT_NOT_SIGNED));
        assertThat(ProofBundleVerifier.verify(signedByNew.getBytes(UTF_8), List.of(LEDGER.verifier(), rotated.verifier()))
                .entry().header().seq()).isEqualTo(3);
        String cosigned = SignedNote.sign(new Checkpoint("ledger.example/acme", SIZE, MerkleTree.root(leaves)).text(),
                List.of(rotated, LEDGER));
        String handover = ProofBundle.of(headers.get(3), payloads.get(3), salts.get(3), MerkleTree.inclusionProof(leaves, 3),
                cosigned).text();
        assertThat(ProofBundleVerifier.verify(handover.getBytes(UTF_8), LEDGER.verifier()).checkpoint().size())
                .as("the old key vouches for the handover").isEqualTo(SIZE);
        assertThat(ProofBundleVerifier.verify(handover.getBytes(UTF_8), rotated.verifier()).checkpoint().size()).isEqualTo(SIZE);
    }

    @Test
    void theTextIsATlogProofThatReadsBackAsWritten() throws Exception {
        String text = bundle(5);
        assertThat(text).startsWith(ProofBundle.HEADER + "\nextra ").contains("\nindex 5\n");
        ProofBundle parsed = ProofBundle.parse(text.getBytes(UTF_8));
        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.proof()).hasSize(MerkleTree.inclusionProof(leaves, 5).size());
    }

    @Test
    void aCheckpointSignedByAnotherKeyOrAlteredIsRefused() {
        refused(bundle(2, OTHER, "ledger.example/acme", false), ProofBundleException.CHECKPOINT_NOT_SIGNED);
        refused(bundle(2).replace("\n" + SIZE + "\n", "\n" + (SIZE + 1) + "\n"), ProofBundleException.CHECKPOINT_NOT_SIGNED);
        String root = Base64.getEncoder().encodeToString(MerkleTree.root(leaves));
        refused(bundle(2).replace(root, Base64.getEncoder().encodeToString(MerkleTree.root(leaves.subList(0, 3)))),
                ProofBundleException.CHECKPOINT_NOT_SIGNED);
        refused(bundle(2, LEDGER, "ledger.example/globex", false), ProofBundleException.ORIGIN_MISMATCH);
    }

    @Test
    void anEntryThatIsNotTheOneProvedIsRefused() {
        refused(bundle(4).replace("\nindex 4\n", "\nindex 5\n"), ProofBundleException.INDEX_MISMATCH);
        refused(withEntry(bundle(4), line -> line.replace("\"correlation_id\":\"corr-4\"", "\"correlation_id\":\"corr-x\"")),
                ProofBundleException.HEADER_HASH_MISMATCH);
        refused(withEntry(bundle(4), line -> line.replace("\\\"n\\\":4", "\\\"n\\\":5")), ProofBundleException.PAYLOAD_HASH_MISMATCH);
        refused(withEntry(bundle(4), line -> line.replaceAll("\"payload_salt\":\"[0-9a-f]+\"", "\"payload_salt\":null")),
                ProofBundleException.PAYLOAD_HASH_MISMATCH);
        // Another entry's line under this index: the proof leads elsewhere.
        String other = bundle(6);
        String otherExtra = other.lines().filter(l -> l.startsWith("extra ")).findFirst().orElseThrow();
        String mine = bundle(4);
        String swapped = mine.replace(mine.lines().filter(l -> l.startsWith("extra ")).findFirst().orElseThrow(), otherExtra)
                .replace("\nindex 4\n", "\nindex 6\n");
        refused(swapped, ProofBundleException.INCLUSION_PROOF_FAILED);
    }

    @Test
    void anAlteredProofIsRefused() {
        String text = bundle(7);
        String[] lines = text.split("\n", -1);
        int firstHash = 3;
        byte[] hash = Base64.getDecoder().decode(lines[firstHash]);
        hash[0] ^= 1;
        lines[firstHash] = Base64.getEncoder().encodeToString(hash);
        refused(String.join("\n", lines), ProofBundleException.INCLUSION_PROOF_FAILED);
        List<String> shorter = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        shorter.remove(firstHash);
        refused(String.join("\n", shorter), ProofBundleException.INCLUSION_PROOF_FAILED);
    }

    @Test
    void anythingButATlogProofWithAnEntryLineIsMalformed() {
        String good = bundle(1);
        refused("", ProofBundleException.MALFORMED);
        refused(good.replace(ProofBundle.HEADER, "c2sp.org/tlog-proof@v2"), ProofBundleException.MALFORMED);
        refused(good.replace("\nindex 1\n", "\nindex 01\n"), ProofBundleException.MALFORMED);
        refused(good.replace("\nindex 1\n", "\nindex -1\n"), ProofBundleException.MALFORMED);
        refused(good.replace("\nindex 1\n", "\nindex 99999999999999999999\n"), ProofBundleException.MALFORMED);
        refused(good.replaceFirst("\nextra [^\n]*", ""), ProofBundleException.MALFORMED);
        refused(good.replaceFirst("\nextra ", "\nextra %%"), ProofBundleException.MALFORMED);
        refused(withEntry(good, line -> line.replace("\"type\":\"entry\"", "\"type\":\"end\"")), ProofBundleException.MALFORMED);
        refused(withEntry(good, line -> line.replace("}", ",\"extra_member\":1}")), ProofBundleException.MALFORMED);
        refused(good.replace("\n\n", "\n"), ProofBundleException.MALFORMED);
        byte[] huge = new byte[ProofBundle.MAX_BYTES + 1];
        assertThatThrownBy(() -> ProofBundleVerifier.verify(huge, LEDGER.verifier()))
                .isInstanceOfSatisfying(ProofBundleException.class, e -> assertThat(e.code()).isEqualTo(ProofBundleException.MALFORMED));
    }

    private static String withEntry(String bundle, UnaryOperator<String> change) {
        String extra = bundle.lines().filter(l -> l.startsWith("extra ")).findFirst().orElseThrow();
        String line = new String(Base64.getDecoder().decode(extra.substring("extra ".length())), UTF_8);
        return bundle.replace(extra, "extra " + Base64.getEncoder().encodeToString(change.apply(line).getBytes(UTF_8)));
    }

    private static void refused(String bundle, String code) {
        assertThatThrownBy(() -> ProofBundleVerifier.verify(bundle.getBytes(UTF_8), LEDGER.verifier()))
                .as(code).isInstanceOfSatisfying(ProofBundleException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    private static byte[] seed(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
