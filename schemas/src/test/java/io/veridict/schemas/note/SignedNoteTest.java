package io.veridict.schemas.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.format.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTest {

    // The documented example of the Go checksum database's note package (golang.org/x/mod/sumdb/note).
    private static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static final NoteSigner LOG = NoteSigner.of("veridict.example/acme", Sha256.hash("test key".getBytes(StandardCharsets.UTF_8)));
    private static final NoteSigner WITNESS = NoteSigner.of("witness.example", Sha256.hash("witness".getBytes(StandardCharsets.UTF_8)));

    @Test
    void shouldSignExactlyAsTheGoPackageDocumentsAndOpenItsNote() {
        NoteSigner signer = NoteSigner.parse(GO_SIGNER);
        assertThat(signer.verifier().toString()).isEqualTo(GO_VERIFIER);
        assertThat(signer.encoded()).isEqualTo(GO_SIGNER);
        assertThat(signer.toString()).doesNotContain("AYEK");
        assertThat(SignedNote.sign(GO_TEXT, List.of(signer))).isEqualTo(GO_NOTE);
        SignedNote.Opened opened = SignedNote.open(GO_NOTE.getBytes(StandardCharsets.UTF_8), List.of(NoteVerifier.parse(GO_VERIFIER)));
        assertThat(opened.text()).isEqualTo(GO_TEXT);
        assertThat(opened.signedBy()).containsExactly(NoteVerifier.parse(GO_VERIFIER));
    }

    @Test
    void shouldDeriveTheRfc8032PublicKeyFromItsSeed() {
        // RFC 8032 §7.1, TEST 1.
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(HexFormat.of().formatHex(NoteSigner.of("k", seed).verifier().publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void shouldIgnoreUnknownSignersAndRequireOneTrusted() {
        String note = SignedNote.sign("origin\n", List.of(WITNESS, LOG));
        assertThat(SignedNote.open(bytes(note), List.of(LOG.verifier())).signedBy()).containsExactly(LOG.verifier());
        assertThat(SignedNote.open(bytes(note), List.of(LOG.verifier(), WITNESS.verifier())).signedBy()).hasSize(2);
        assertThatThrownBy(() -> SignedNote.open(bytes(note), List.of(NoteSigner.of("veridict.example/acme",
                new byte[32]).verifier()))).isInstanceOf(NoteFormatException.class).hasMessageContaining("no trusted key");
    }

    @Test
    void shouldRejectANoteWhoseKnownSignatureDoesNotVerify() {
        String note = SignedNote.sign("veridict.example/acme\n5\n" + "A".repeat(43) + "=\n", List.of(LOG));
        String altered = note.replaceFirst("\n5\n", "\n6\n");
        assertThatThrownBy(() -> SignedNote.open(bytes(altered), List.of(LOG.verifier())))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("does not verify");
        // Another key under the same name and id would be a different verifier: the one trusted decides.
        NoteSigner impostor = NoteSigner.of("veridict.example/acme", Sha256.hash(new byte[] {1}));
        String resigned = SignedNote.sign("veridict.example/acme\n6\n" + "A".repeat(43) + "=\n", List.of(impostor));
        assertThatThrownBy(() -> SignedNote.open(bytes(resigned), List.of(LOG.verifier())))
                .isInstanceOf(NoteFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no blank line\n\u2014 a AAAA\n", "text\n\n", "text\n\n- a AAAAAAAA\n",
            "text\n\n\u2014 a notbase64!\n", "text\n\n\u2014 a AAAA\n", "text\n\n\u2014 a b c\n", "te\u0001xt\n\n\u2014 a AAAAAAAA\n",
            "text\n\n\u2014 a AAAAAAAA"})
    void shouldRejectMalformedNotes(String note) {
        assertThatThrownBy(() -> SignedNote.open(bytes(note), List.of(LOG.verifier()))).isInstanceOf(NoteFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no newline", "blank\n\nline\n", "\nleading\n", "tab\tinside\n"})
    void shouldRefuseToSignATextThatIsNoNoteText(String text) {
        assertThatThrownBy(() -> SignedNote.sign(text, List.of(LOG))).isInstanceOf(NoteFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b+c+d", "name+c74f20a3", "name+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3+ApJc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "two words+c74f20a3+AA=="})
    void shouldRejectMalformedOrInconsistentVerifierKeys(String key) {
        assertThatThrownBy(() -> NoteVerifier.parse(key)).isInstanceOf(NoteFormatException.class);
    }

    @Test
    void shouldReadAndWriteACheckpoint() {
        byte[] root = Sha256.hash(new byte[0]);
        Checkpoint checkpoint = new Checkpoint("veridict.example/acme", 17, root, List.of("extension line"));
        assertThat(checkpoint.text()).isEqualTo("veridict.example/acme\n17\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
                + "extension line\n");
        assertThat(Checkpoint.parse(checkpoint.text())).isEqualTo(checkpoint);
        for (String bad : List.of("o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
                "o\n1\nAAAA\n", "o\n1\n", "o\n99999999999999999999\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
                "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n")) {
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(NoteFormatException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
