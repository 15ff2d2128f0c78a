package io.veridict.verifier;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders {@code docs/test-vectors/checkpoints.json}: a log key with a fixed seed, signed
 * checkpoints, inclusion and consistency proofs, and proof bundles (valid and tampered, with the
 * failure each must give) over the {@code upgraded-ledger} chain of {@code chains.json}. Ed25519
 * signatures are deterministic, so the file is reproducible byte for byte.
 *
 * <p>Regenerate from the repository root after building ({@code mvn -o -q install -DskipTests}):
 * <pre>
 * mvn -o -q -pl ledger-streams dependency:build-classpath -Dmdep.outputFile=/tmp/cp-ls.txt
 * java -cp "ledger-streams/target/test-classes:ledger-streams/target/classes:$(cat /tmp/cp-ls.txt)" \
 *     io.veridict.verifier.CheckpointVectors
 * </pre>
 */
public final class CheckpointVectors {

    static final String FILE = "checkpoints.json";
    static final String CHAIN = "upgraded-ledger";
    /** The log key's seed: bytes 0x00..0x1f. */
    static final byte[] SEED = seed();
    static final NoteSigner KEY = NoteSigner.of("veridict-vectors", SEED);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private CheckpointVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = directory();
        Files.writeString(dir.resolve(FILE), render(dir), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve(FILE));
    }

    /** One entry of the chain vector: header, payload bytes (or null), salt (or null). */
    record Entry(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull) {
    }

    static String render(Path dir) throws IOException {
        JsonNode chain = chain(dir);
        String tenant = chain.get("tenant_id").textValue();
        List<Entry> entries = entries(chain);
        List<byte[]> leaves = entries.stream().map(e -> e.header().leafHash()).toList();
        int size = leaves.size();

        ObjectNode root = JSON.objectNode();
        root.put("description", "Signed checkpoints, RFC 9162 proofs and proof bundles over the '" + CHAIN + "' chain of"
                + " chains.json (docs/checkpoints.md). Hashes in hex unless a field says base64; notes and bundles are exact"
                + " texts (UTF-8, \\n line ends). Every note is signed by the log key below, except those in refused_notes.");
        ObjectNode key = root.putObject("log_key");
        key.put("name", KEY.verifier().name());
        key.put("seed_hex", HEX.formatHex(SEED));
        key.put("public_key_hex", HEX.formatHex(KEY.verifier().publicKey()));
        key.put("key_id_hex", String.format("%08x", KEY.verifier().keyId()));
        key.put("verifier_key", KEY.verifier().toString());
        key.put("signer_key", KEY.encoded());
        root.put("chain", CHAIN);
        root.put("tenant_id", tenant);
        root.put("origin", origin(tenant));

        ArrayNode checkpoints = root.putArray("checkpoints");
        for (int n = 0; n <= size; n++) {
            byte[] treeRoot = MerkleTree.root(leaves.subList(0, n));
            Checkpoint checkpoint = new Checkpoint(origin(tenant), n, treeRoot);
            checkpoints.addObject().put("size", n).put("root", HEX.formatHex(treeRoot))
                    .put("root_base64", Base64.getEncoder().encodeToString(treeRoot))
                    .put("text", checkpoint.text()).put("note", sign(checkpoint));
        }

        ArrayNode inclusion = root.putArray("inclusion_proofs");
        for (int n = 1; n <= size; n++) {
            for (int m = 0; m < n; m++) {
                ObjectNode proof = inclusion.addObject().put("seq", m).put("tree_size", n)
                        .put("leaf_hash", HEX.formatHex(leaves.get(m))).put("root", HEX.formatHex(MerkleTree.root(leaves.subList(0, n))));
                hashes(proof.putArray("proof"), MerkleTree.inclusionProof(leaves.subList(0, n), m));
            }
        }
        ArrayNode consistency = root.putArray("consistency_proofs");
        for (int n = 1; n <= size; n++) {
            for (int m = 1; m <= n; m++) {
                ObjectNode proof = consistency.addObject().put("from_size", m).put("to_size", n)
                        .put("from_root", HEX.formatHex(MerkleTree.root(leaves.subList(0, m))))
                        .put("to_root", HEX.formatHex(MerkleTree.root(leaves.subList(0, n))));
                hashes(proof.putArray("proof"), MerkleTree.consistencyProof(leaves.subList(0, n), m));
            }
        }

        String head = sign(new Checkpoint(origin(tenant), size, MerkleTree.root(leaves)));
        ArrayNode bundles = root.putArray("bundles");
        for (int seq = 0; seq < size; seq++) {
            bundles.addObject().put("name", "seq " + seq + (entries.get(seq).payloadOrNull() == null ? " (payload erased)" : ""))
                    .put("valid", true).put("seq", seq).put("bundle", bundle(entries, seq, head, UnaryOperator.identity()));
        }
        String good = bundle(entries, 2, head, UnaryOperator.identity());
        tampered(bundles, "index changed", good.replace("\nindex 2\n", "\nindex 1\n"), ProofBundleException.INDEX_MISMATCH);
        tampered(bundles, "payload changed", bundle(entries, 2, head, line -> line.replace("REJECT", "ACCEPT")),
                ProofBundleException.PAYLOAD_HASH_MISMATCH);
        tampered(bundles, "correlation id changed", bundle(entries, 2, head,
                line -> line.replace("\"correlation_id\":\"", "\"correlation_id\":\"x")), ProofBundleException.HEADER_HASH_MISMATCH);
        tampered(bundles, "proof hash flipped", flipFirstProofHash(good), ProofBundleException.INCLUSION_PROOF_FAILED);
        tampered(bundles, "checkpoint size changed", good.replace("\n" + size + "\n", "\n" + (size + 1) + "\n"),
                ProofBundleException.CHECKPOINT_NOT_SIGNED);
        tampered(bundles, "checkpoint of another tenant", bundle(entries, 2,
                sign(new Checkpoint(KEY.verifier().name() + "/other", size, MerkleTree.root(leaves))), UnaryOperator.identity()),
                ProofBundleException.ORIGIN_MISMATCH);
        tampered(bundles, "proved against a tree without the entry", good.replace(head,
                sign(new Checkpoint(origin(tenant), 2, MerkleTree.root(leaves.subList(0, 2))))), ProofBundleException.INDEX_MISMATCH);
        tampered(bundles, "no extra line", good.replaceFirst("\nextra [^\n]*", ""), ProofBundleException.MALFORMED);

        ArrayNode refused = root.putArray("refused_notes");
        NoteSigner impostor = NoteSigner.of(KEY.verifier().name(), new byte[32]);
        Checkpoint headCheckpoint = new Checkpoint(origin(tenant), size, MerkleTree.root(leaves));
        refused.addObject().put("name", "signed by another key of the same name")
                .put("note", SignedNote.sign(headCheckpoint.text(), List.of(impostor)));
        refused.addObject().put("name", "size changed after signing").put("note", head.replace("\n" + size + "\n", "\n" + (size - 1) + "\n"));
        refused.addObject().put("name", "origin changed after signing").put("note", head.replace(origin(tenant), origin("hooly")));
        refused.addObject().put("name", "root changed after signing").put("note", head.replace(
                Base64.getEncoder().encodeToString(MerkleTree.root(leaves)),
                Base64.getEncoder().encodeToString(MerkleTree.root(leaves.subList(0, 1)))));
        return WRITER.writeValueAsString(root) + "\n";
    }

    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/test-vectors"))) {
                return dir.resolve("docs/test-vectors");
            }
        }
        throw new IllegalStateException("no docs/test-vectors above " + Path.of("").toAbsolutePath());
    }

    static String origin(String tenant) {
        return KEY.verifier().name() + "/" + tenant;
    }

    private static String sign(Checkpoint checkpoint) {
        return SignedNote.sign(checkpoint.text(), List.of(KEY));
    }

    private static void tampered(ArrayNode bundles, String name, String bundle, String failure) {
        bundles.addObject().put("name", name).put("valid", false).put("failure", failure).put("bundle", bundle);
    }

    /** The bundle of entry {@code seq}, its extra line passed through {@code change}. */
    private static String bundle(List<Entry> entries, int seq, String note, UnaryOperator<String> change) {
        List<byte[]> leaves = entries.stream().map(e -> e.header().leafHash()).toList();
        Checkpoint checkpoint = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
        Entry entry = entries.get(seq);
        String line = ExportFormat.entryLine(entry.header(), entry.payloadOrNull(), entry.saltOrNull()).toString();
        byte[] extra = change.apply(line).getBytes(StandardCharsets.UTF_8);
        return new ProofBundle(seq, MerkleTree.inclusionProof(leaves.subList(0, (int) checkpoint.size()), seq), extra, note).text();
    }

    private static String flipFirstProofHash(String bundle) {
        String[] lines = bundle.split("\n", -1);
        byte[] hash = Base64.getDecoder().decode(lines[3]);
        hash[31] ^= 1;
        lines[3] = Base64.getEncoder().encodeToString(hash);
        return String.join("\n", lines);
    }

    private static void hashes(ArrayNode out, List<byte[]> proof) {
        proof.forEach(h -> out.add(HEX.formatHex(h)));
    }

    static JsonNode chain(Path dir) throws IOException {
        for (JsonNode chain : new ObjectMapper().readTree(dir.resolve("chains.json").toFile()).get("chains")) {
            if (chain.get("name").textValue().equals(CHAIN)) {
                return chain;
            }
        }
        throw new IllegalStateException("no chain " + CHAIN + " in chains.json");
    }

    static List<Entry> entries(JsonNode chain) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : chain.get("entries")) {
            EntryHeader header = new EntryHeader(e.get("format_version").intValue(), e.get("tenant_id").textValue(),
                    e.get("seq").longValue(), e.get("entry_id").textValue(), e.get("entry_type").textValue(),
                    e.get("received_at_ms").longValue(), e.get("recorded_at_ms").longValue(),
                    e.get("actor_key_id").isNull() ? null : e.get("actor_key_id").textValue(), e.get("correlation_id").textValue(),
                    HEX.parseHex(e.get("payload_hash").textValue()), HEX.parseHex(e.get("leaf_hash").textValue()),
                    HEX.parseHex(e.get("prev_chain_hash").textValue()), HEX.parseHex(e.get("chain_hash").textValue()));
            boolean erased = e.get("payload_erased").booleanValue();
            byte[] payload = erased ? null : e.get("payload").textValue().getBytes(StandardCharsets.UTF_8);
            byte[] salt = erased || e.get("payload_salt").isNull() ? null : HEX.parseHex(e.get("payload_salt").textValue());
            entries.add(new Entry(header, payload, salt));
        }
        return entries;
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }
}
