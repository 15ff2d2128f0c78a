package io.veridict.schemas.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.format.ConsistencyProofVerifier;
import io.veridict.schemas.format.InclusionProofVerifier;
import io.veridict.schemas.format.MerkleProofException;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.format.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Veridict's signed notes, checkpoints, Merkle roots and Merkle proofs against the Go checksum
 * database's own packages, {@code golang.org/x/mod/sumdb/note} and {@code .../tlog}, through the
 * small command in {@code interop/go/notecheck.go}. Needs {@code go} and the packages in a GOPATH
 * ({@code golang-go} and {@code golang-golang-x-mod-dev} on Debian; {@code .ci/run} installs them).
 */
class GoChecksumDatabaseIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final NoteSigner LOG = NoteSigner.of("veridict.example/acme", Sha256.hash(bytes("interop log key")));
    private static final NoteSigner OTHER = NoteSigner.of("veridict.example/acme", Sha256.hash(bytes("another key")));

    /** Tree sizes for which every leaf's inclusion proof and every older size's consistency proof are tried. */
    private static final List<Integer> SIZES =
            IntStream.concat(IntStream.rangeClosed(1, 20), IntStream.of(31, 32, 33, 64, 100)).boxed().toList();

    @TempDir
    static Path tmp;
    static Path notecheck;
    /** The vectors' 8 leaf hashes, then those of {@code "leaf 8"}, {@code "leaf 9"}...; one more than the largest size. */
    static List<byte[]> leaves;
    /** {@code roots.get(n)}: the root of the tree of the first {@code n} leaves. */
    static List<byte[]> roots;

    @BeforeAll
    static void buildTheGoCommand() throws Exception {
        notecheck = tmp.resolve("notecheck");
        Path source = repository().resolve("interop/go/notecheck.go");
        Outcome built = run(List.of("go", "build", "-o", notecheck.toString(), source.toString()));
        assertThat(built.exit).as("go build (install golang-go and golang-golang-x-mod-dev): " + built.err).isZero();
    }

    @BeforeAll
    static void makeTheLeaves() throws IOException {
        List<byte[]> hashes = new ArrayList<>();
        vectors().get("leaf_hashes").forEach(h -> hashes.add(HEX.parseHex(h.asText())));
        int largest = SIZES.get(SIZES.size() - 1);
        for (int i = hashes.size(); i <= largest; i++) {
            hashes.add(MerkleTree.leafHash(bytes("leaf " + i)));
        }
        leaves = List.copyOf(hashes);
        roots = IntStream.rangeClosed(0, leaves.size()).mapToObj(n -> MerkleTree.root(leaves.subList(0, n))).toList();
    }

    @Test
    void goOpensACheckpointVeridictSignedAndVeridictOpensOneGoSigned() throws Exception {
        Checkpoint checkpoint = new Checkpoint("veridict.example/acme", 5, Sha256.hash(bytes("a root")));
        Path note = write("ours.note", SignedNote.sign(checkpoint.text(), List.of(LOG)));
        Outcome opened = run(List.of(notecheck.toString(), "verify", LOG.verifier().toString(), note.toString()));
        assertThat(opened.exit).as(opened.err).isZero();
        assertThat(Checkpoint.parse(opened.out)).isEqualTo(checkpoint);

        Path text = write("text", checkpoint.text());
        Outcome signed = run(List.of(notecheck.toString(), "sign", LOG.encoded(), text.toString()));
        assertThat(signed.exit).as(signed.err).isZero();
        assertThat(signed.out).as("Ed25519 is deterministic: the same note").isEqualTo(Files.readString(note));
        assertThat(SignedNote.open(bytes(signed.out), List.of(LOG.verifier())).text()).isEqualTo(checkpoint.text());
    }

    @Test
    void bothRefuseAForgedOrReSignedCheckpoint() throws Exception {
        Checkpoint real = new Checkpoint("veridict.example/acme", 5, Sha256.hash(bytes("a root")));
        String note = SignedNote.sign(real.text(), List.of(LOG));
        String base64Root = java.util.Base64.getEncoder().encodeToString(Sha256.hash(bytes("a root")));
        String otherRoot = java.util.Base64.getEncoder().encodeToString(Sha256.hash(bytes("another root")));
        List<String> forged = List.of(
                note.replace("\n5\n", "\n6\n"),
                note.replace(base64Root, otherRoot),
                note.replace("veridict.example/acme\n5", "veridict.example/globex\n5"),
                SignedNote.sign(real.text(), List.of(OTHER)),
                SignedNote.sign(new Checkpoint("veridict.example/acme", 6, Sha256.hash(bytes("a root"))).text(), List.of(OTHER)));
        for (String bad : forged) {
            Path file = write("forged.note", bad);
            Outcome go = run(List.of(notecheck.toString(), "verify", LOG.verifier().toString(), file.toString()));
            assertThat(go.exit).as("Go accepted:\n" + bad).isNotZero();
            assertThatThrownBy(() -> SignedNote.open(bytes(bad), List.of(LOG.verifier()))).as(bad)
                    .isInstanceOf(NoteFormatException.class);
        }
    }

    @Test
    void goComputesTheSameMerkleRootsAsTheLedgerFormatForEveryTreeOfTheVectors() throws Exception {
        List<String> leaves = new ArrayList<>();
        vectors().get("leaf_hashes").forEach(h -> leaves.add(h.asText()));
        for (int size = 1; size <= leaves.size(); size++) {
            List<String> args = new ArrayList<>(List.of(notecheck.toString(), "root"));
            args.addAll(leaves.subList(0, size));
            Outcome go = run(args);
            assertThat(go.exit).as(go.err).isZero();
            byte[] ours = MerkleTree.root(leaves.subList(0, size).stream().map(HEX::parseHex).toList());
            assertThat(go.out.strip()).as("size " + size).isEqualTo(HEX.formatHex(ours));
        }
        // The one difference: Go's tlog gives the empty tree an all-zero hash; RFC 9162 (and the
        // ledger format, §8.1) gives it SHA-256 of the empty string.
        Outcome empty = run(List.of(notecheck.toString(), "root"));
        assertThat(empty.out.strip()).isEqualTo("0".repeat(64));
        assertThat(HEX.formatHex(MerkleTree.emptyRoot())).isEqualTo(HEX.formatHex(Sha256.hash(new byte[0])));
    }

    @Test
    void goAcceptsVeridictsInclusionAndConsistencyProofsForEveryLeafAndEveryOlderSize() throws Exception {
        List<Claim> claims = new ArrayList<>();
        for (int size : SIZES) {
            for (int index = 0; index < size; index++) {
                claims.add(inclusion(index, size));
            }
            for (int old = 1; old <= size; old++) {
                claims.add(consistency(old, size));
            }
        }
        JsonNode vectors = vectors();
        vectors.get("inclusion_proofs").forEach(p -> claims.add(inclusion(p)));
        // Old size 0 is left out: see below.
        vectors.get("consistency_proofs").forEach(p -> {
            if (p.get("old_size").asLong() > 0) {
                claims.add(consistency(p));
            }
        });

        List<Boolean> go = goAccepts(claims);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (!go.get(i) || !claims.get(i).veridictAccepts()) {
                refused.add("Go " + go.get(i) + ", Veridict " + claims.get(i).veridictAccepts() + ": "
                        + claims.get(i).command());
            }
        }
        assertThat(refused).isEmpty();

        // tlog has no consistency proof from the empty tree (CheckTree wants an old size of at
        // least 1; its empty tree hashes to zeros anyway); RFC 9162 accepts the empty proof from
        // the empty tree whose root is SHA-256 of the empty string.
        Consistency fromEmpty = new Consistency(0, MerkleTree.emptyRoot(), 5, roots.get(5), List.of());
        assertThat(goAccepts(List.of(fromEmpty))).containsExactly(false);
        assertThat(fromEmpty.veridictAccepts()).isTrue();
    }

    @Test
    void goProvesByteForByteWhatVeridictProvesAndVeridictAcceptsGosProofs() throws Exception {
        List<String> commands = new ArrayList<>();
        List<List<byte[]>> ours = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (int size : SIZES) {
            for (int index = 0; index < size; index++) {
                commands.add("proverecord " + index + " " + size + hexes(tree(size)));
                ours.add(MerkleTree.inclusionProof(tree(size), index));
                claims.add(inclusion(index, size));
            }
            for (int old = 1; old <= size; old++) {
                commands.add("provetree " + old + hexes(tree(size)));
                ours.add(MerkleTree.consistencyProof(tree(size), old));
                claims.add(consistency(old, size));
            }
            // As a log proves an older tree's record: from all the hashes it stores.
            for (int index : new int[] {0, size / 2, size - 1}) {
                commands.add("proverecord " + index + " " + size + hexes(leaves));
                ours.add(MerkleTree.inclusionProof(tree(size), index));
                claims.add(inclusion(index, size));
            }
        }

        List<String> answers = batch(commands);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String answer = answers.get(i);
            String expected = "ok" + hexes(ours.get(i));
            if (!answer.equals(expected)) {
                wrong.add(commands.get(i).substring(0, Math.min(commands.get(i).length(), 30))
                        + "...: Go " + answer + ", Veridict " + expected);
                continue;
            }
            List<byte[]> goProof = answer.equals("ok") ? List.of()
                    : Arrays.stream(answer.substring(3).split(" ")).map(HEX::parseHex).toList();
            if (!claims.get(i).withProof(goProof).veridictAccepts()) {
                wrong.add("Veridict refused Go's proof: " + claims.get(i).withProof(goProof).command());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void bothRefuseAnAlteredProofAWrongIndexAndAWrongSize() throws Exception {
        List<Claim> refuse = new ArrayList<>();
        // With the root of the true size but another size claimed, an inclusion proof still holds
        // if the path from the leaf to the root has the same shape in both trees (leaf 0 of 3 and
        // of 4 leaves: the sibling leaf, then a right-hand subtree); so does a consistency proof
        // with the same roots and another new size if the path of the old tree's last leaf has
        // the same shape in both. The sizes are bound by the signed checkpoints that carry the
        // roots, not by the proofs.
        List<Claim> sameShape = new ArrayList<>();
        for (int size : SIZES) {
            byte[] anotherTree = MerkleTree.root(leaves.subList(1, size + 1));
            for (int index = 0; index < size; index++) {
                Inclusion real = inclusion(index, size);
                refuse.addAll(altered(real));
                refuse.add(new Inclusion(index, size, real.root(), leaves.get(index + 1), real.proof()));
                refuse.add(new Inclusion(index, size, anotherTree, real.leaf(), real.proof()));
                for (int other : new int[] {index - 1, index + 1, size}) {
                    if (other >= 0) {
                        refuse.add(new Inclusion(other, size, real.root(), real.leaf(), real.proof()));
                    }
                }
                for (int other : new int[] {size - 1, size + 1}) {
                    if (other > index) {
                        refuse.add(new Inclusion(index, other, roots.get(other), real.leaf(), real.proof()));
                        Inclusion sameRoot = new Inclusion(index, other, real.root(), real.leaf(), real.proof());
                        (sides(index, size).equals(sides(index, other)) ? sameShape : refuse).add(sameRoot);
                    }
                }
            }
            for (int old = 1; old <= size; old++) {
                Consistency real = consistency(old, size);
                refuse.addAll(altered(real));
                refuse.add(new Consistency(old, MerkleTree.root(leaves.subList(1, old + 1)), size, real.newRoot(),
                        real.proof()));
                refuse.add(new Consistency(old, real.oldRoot(), size, anotherTree, real.proof()));
                for (int other : new int[] {old - 1, old + 1}) {
                    if (other >= 1 && other <= size) {
                        refuse.add(new Consistency(other, roots.get(other), size, real.newRoot(), real.proof()));
                        refuse.add(new Consistency(other, real.oldRoot(), size, real.newRoot(), real.proof()));
                    }
                }
                for (int other : new int[] {size - 1, size + 1}) {
                    if (other >= old) {
                        refuse.add(new Consistency(old, real.oldRoot(), other, roots.get(other), real.proof()));
                        Consistency sameRoot = new Consistency(old, real.oldRoot(), other, real.newRoot(), real.proof());
                        (sides(old - 1, size).equals(sides(old - 1, other)) ? sameShape : refuse).add(sameRoot);
                    }
                }
            }
        }
        JsonNode vectors = vectors();
        vectors.get("invalid_inclusion_proofs").forEach(p -> refuse.add(inclusion(p)));
        vectors.get("invalid_consistency_proofs").forEach(p -> refuse.add(consistency(p)));

        List<Claim> all = new ArrayList<>(refuse);
        all.addAll(sameShape);
        List<Boolean> go = goAccepts(all);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            boolean expected = i >= refuse.size();
            Claim claim = all.get(i);
            boolean ours = claim.veridictAccepts();
            if (go.get(i) != expected || ours != expected) {
                wrong.add("Go " + go.get(i) + ", Veridict " + ours + ", expected " + expected + ": " + claim.command());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(sameShape).as("some wrong sizes keep the path's shape").isNotEmpty();
        assertThat(refuse).hasSizeGreaterThan(1000);
    }

    /** A claim that a proof holds, put to Go ({@link #command()}) and to Veridict. */
    private sealed interface Claim permits Inclusion, Consistency {

        String command();

        boolean veridictAccepts();

        List<byte[]> proof();

        Claim withProof(List<byte[]> proof);
    }

    private record Inclusion(long index, long size, byte[] root, byte[] leaf, List<byte[]> proof) implements Claim {

        @Override
        public String command() {
            return "checkrecord " + index + " " + size + " " + HEX.formatHex(root) + " " + HEX.formatHex(leaf) + hexes(proof);
        }

        @Override
        public boolean veridictAccepts() {
            try {
                InclusionProofVerifier.verify(index, size, leaf, proof, root);
                return true;
            } catch (MerkleProofException e) {
                return false;
            }
        }

        @Override
        public Inclusion withProof(List<byte[]> other) {
            return new Inclusion(index, size, root, leaf, other);
        }
    }

    private record Consistency(long oldSize, byte[] oldRoot, long newSize, byte[] newRoot, List<byte[]> proof)
            implements Claim {

        @Override
        public String command() {
            return "checktree " + oldSize + " " + HEX.formatHex(oldRoot) + " " + newSize + " " + HEX.formatHex(newRoot)
                    + hexes(proof);
        }

        @Override
        public boolean veridictAccepts() {
            try {
                ConsistencyProofVerifier.verify(oldSize, newSize, oldRoot, newRoot, proof);
                return true;
            } catch (MerkleProofException e) {
                return false;
            }
        }

        @Override
        public Consistency withProof(List<byte[]> other) {
            return new Consistency(oldSize, oldRoot, newSize, newRoot, other);
        }
    }

    private static Inclusion inclusion(int index, int size) {
        return new Inclusion(index, size, roots.get(size), leaves.get(index), MerkleTree.inclusionProof(tree(size), index));
    }

    private static Inclusion inclusion(JsonNode vector) {
        return new Inclusion(vector.get("index").asLong(), vector.get("size").asLong(), hash(vector.get("root")),
                hash(vector.get("leaf_hash")), hashes(vector.get("path")));
    }

    private static Consistency consistency(int oldSize, int newSize) {
        return new Consistency(oldSize, roots.get(oldSize), newSize, roots.get(newSize),
                MerkleTree.consistencyProof(tree(newSize), oldSize));
    }

    private static Consistency consistency(JsonNode vector) {
        return new Consistency(vector.get("old_size").asLong(), hash(vector.get("old_root")),
                vector.get("new_size").asLong(), hash(vector.get("new_root")), hashes(vector.get("proof")));
    }

    /** The claim with each proof hash in turn flipped one bit, with its last hash dropped, and with one hash more. */
    private static List<Claim> altered(Claim claim) {
        List<byte[]> proof = claim.proof();
        List<Claim> out = new ArrayList<>();
        for (int k = 0; k < proof.size(); k++) {
            List<byte[]> flipped = new ArrayList<>(proof);
            byte[] hash = proof.get(k).clone();
            hash[k % hash.length] ^= (byte) (1 << (k % 8));
            flipped.set(k, hash);
            out.add(claim.withProof(flipped));
        }
        if (!proof.isEmpty()) {
            out.add(claim.withProof(proof.subList(0, proof.size() - 1)));
        }
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(leaves.get(leaves.size() - 1));
        out.add(claim.withProof(longer));
        return out;
    }

    /**
     * The shape of the RFC 9162 path of a leaf, from the leaf up: for each hash of the proof,
     * whether it is the right-hand sibling.
     */
    private static List<Boolean> sides(long index, long size) {
        List<Boolean> sides = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = Long.highestOneBit(hi - lo - 1);
            boolean left = index < lo + k;
            sides.add(0, left);
            if (left) {
                hi = lo + k;
            } else {
                lo += k;
            }
        }
        return sides;
    }

    /** Go's verdict on each claim, by one run of {@code notecheck batch}. */
    private static List<Boolean> goAccepts(List<? extends Claim> claims) throws IOException, InterruptedException {
        List<String> answers = batch(claims.stream().map(Claim::command).toList());
        List<Boolean> verdicts = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String answer = answers.get(i);
            if (!answer.equals("ok") && !answer.startsWith("error ")) {
                throw new AssertionError("Go answered " + answer + " to " + claims.get(i).command());
            }
            verdicts.add(answer.equals("ok"));
        }
        return verdicts;
    }

    /** Go's answer line to each command line, by one run of {@code notecheck batch}. */
    private static List<String> batch(List<String> commands) throws IOException, InterruptedException {
        Path file = Files.write(Files.createTempFile(tmp, "cases", ".txt"), commands, StandardCharsets.UTF_8);
        Outcome go = run(List.of(notecheck.toString(), "batch", file.toString()));
        assertThat(go.exit).as(go.err).isZero();
        List<String> answers = go.out.lines().toList();
        assertThat(answers).hasSameSizeAs(commands);
        return answers;
    }

    private static List<byte[]> tree(int size) {
        return leaves.subList(0, size);
    }

    /** The hashes in hex, each after a space. */
    private static String hexes(List<byte[]> hashes) {
        StringBuilder out = new StringBuilder();
        hashes.forEach(h -> out.append(' ').append(HEX.formatHex(h)));
        return out.toString();
    }

    private static byte[] hash(JsonNode hex) {
        return HEX.parseHex(hex.asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(hash(h)));
        return out;
    }

    private static JsonNode vectors() throws IOException {
        return new ObjectMapper().readTree(repository().resolve("docs/test-vectors/merkle.json").toFile());
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GO111MODULE", "off");
        builder.environment().putIfAbsent("GOPATH", "/usr/share/gocode");
        builder.environment().put("GOCACHE", tmp.resolve("gocache").toString());
        builder.environment().put("GOFLAGS", "");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("interop/go/notecheck.go"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new AssertionError("run from within the repository");
        }
        return here;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
