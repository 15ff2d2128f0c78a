package io.veridict.verifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.format.ConsistencyProofVerifier;
import io.veridict.schemas.format.InclusionProofVerifier;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks {@code docs/test-vectors/checkpoints.json} as a third party would, from the file alone. */
class CheckpointVectorsTest {

    private static final Path DIR = CheckpointVectors.directory();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theCommittedFileIsExactlyWhatTheGeneratorRenders() throws Exception {
        assertThat(Files.readString(DIR.resolve(CheckpointVectors.FILE), UTF_8))
                .as("checkpoints.json is stale: re-run CheckpointVectors").isEqualTo(CheckpointVectors.render(DIR));
    }

    @Test
    void theKeyCheckpointsAndProofsHold() throws Exception {
        JsonNode vectors = read();
        JsonNode key = vectors.get("log_key");
        NoteSigner signer = NoteSigner.parse(key.get("signer_key").textValue());
        NoteVerifier verifier = NoteVerifier.parse(key.get("verifier_key").textValue());
        assertThat(signer.verifier()).isEqualTo(verifier);
        assertThat(HEX.formatHex(verifier.publicKey())).isEqualTo(key.get("public_key_hex").textValue());
        for (JsonNode c : vectors.get("checkpoints")) {
            Checkpoint opened = Checkpoint.parse(SignedNote.open(c.get("note").textValue().getBytes(UTF_8), List.of(verifier)).text());
            assertThat(opened.text()).isEqualTo(c.get("text").textValue());
            assertThat(opened.size()).isEqualTo(c.get("size").longValue());
            assertThat(HEX.formatHex(opened.rootHash())).isEqualTo(c.get("root").textValue());
            assertThat(SignedNote.sign(c.get("text").textValue(), List.of(signer))).as("Ed25519 is deterministic")
                    .isEqualTo(c.get("note").textValue());
        }
        for (JsonNode p : vectors.get("inclusion_proofs")) {
            InclusionProofVerifier.verify(p.get("seq").longValue(), p.get("tree_size").longValue(),
                    HEX.parseHex(p.get("leaf_hash").textValue()), hashes(p.get("proof")), HEX.parseHex(p.get("root").textValue()));
        }
        for (JsonNode p : vectors.get("consistency_proofs")) {
            ConsistencyProofVerifier.verify(p.get("from_size").longValue(), p.get("to_size").longValue(),
                    HEX.parseHex(p.get("from_root").textValue()), HEX.parseHex(p.get("to_root").textValue()), hashes(p.get("proof")));
        }
        for (JsonNode n : vectors.get("refused_notes")) {
            assertThatThrownBy(() -> SignedNote.open(n.get("note").textValue().getBytes(UTF_8), List.of(verifier)))
                    .as(n.get("name").textValue()).isInstanceOf(NoteFormatException.class);
        }
    }

    @Test
    void everyBundleVerifiesOrFailsAsItSays() throws Exception {
        JsonNode vectors = read();
        NoteVerifier verifier = NoteVerifier.parse(vectors.get("log_key").get("verifier_key").textValue());
        int valid = 0;
        int invalid = 0;
        for (JsonNode b : vectors.get("bundles")) {
            byte[] bundle = b.get("bundle").textValue().getBytes(UTF_8);
            if (b.get("valid").booleanValue()) {
                assertThat(ProofBundleVerifier.verify(bundle, verifier).entry().header().seq()).isEqualTo(b.get("seq").longValue());
                valid++;
            } else {
                assertThatThrownBy(() -> ProofBundleVerifier.verify(bundle, verifier)).as(b.get("name").textValue())
                        .isInstanceOfSatisfying(ProofBundleException.class,
                                e -> assertThat(e.code()).isEqualTo(b.get("failure").textValue()));
                invalid++;
            }
        }
        assertThat(valid).isEqualTo(6);
        assertThat(invalid).isGreaterThanOrEqualTo(8);
    }

    private static JsonNode read() throws Exception {
        return new ObjectMapper().readTree(DIR.resolve(CheckpointVectors.FILE).toFile());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(HEX.parseHex(h.textValue())));
        return out;
    }
}
