package io.veridict.schemas.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.format.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Veridict's signed notes, checkpoints and Merkle roots against the Go checksum database's own
 * packages, {@code golang.org/x/mod/sumdb/note} and {@code .../tlog}, through the small command
 * in {@code interop/go/notecheck.go}. Needs {@code go} and the packages in a GOPATH
 * ({@code golang-go} and {@code golang-golang-x-mod-dev} on Debian; {@code .ci/run} installs them).
 */
class GoChecksumDatabaseIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final NoteSigner LOG = NoteSigner.of("veridict.example/acme", Sha256.hash(bytes("interop log key")));
    private static final NoteSigner OTHER = NoteSigner.of("veridict.example/acme", Sha256.hash(bytes("another key")));

    @TempDir
    static Path tmp;
    static Path notecheck;

    @BeforeAll
    static void buildTheGoCommand() throws Exception {
        notecheck = tmp.resolve("notecheck");
        Path source = repository().resolve("interop/go/notecheck.go");
        Outcome built = run(List.of("go", "build", "-o", notecheck.toString(), source.toString()));
        assertThat(built.exit).as("go build (install golang-go and golang-golang-x-mod-dev): " + built.err).isZero();
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
        JsonNode vectors = new ObjectMapper().readTree(repository().resolve("docs/test-vectors/merkle.json").toFile());
        List<String> leaves = new ArrayList<>();
        vectors.get("leaf_hashes").forEach(h -> leaves.add(h.asText()));
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
