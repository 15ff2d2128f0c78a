package io.veridict.verifier.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.verifier.ProofBundle;
import io.veridict.verifier.ProofBundleException;
import io.veridict.verifier.ProofBundleVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code veridict verify --proof BUNDLE --key VERIFIER_KEY}: checks one proof bundle offline,
 * with no access to Kafka or the API, and describes the outcome as text or JSON. Payload
 * contents are never printed.
 */
public final class ProofCheck {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param verified the outcome when the bundle proves its entry, else null
     * @param failure  the failed check when it does not, else null
     */
    public record Outcome(Path file, ProofBundleVerifier.Verified verified, ProofBundleException failure) {

        public boolean ok() {
            return verified != null;
        }

        public String text() {
            if (!ok()) {
                return "FAILED   proof bundle " + file + System.lineSeparator()
                        + "  " + failure.code() + ": " + failure.getMessage() + System.lineSeparator();
            }
            EntryHeader header = verified.entry().header();
            String nl = System.lineSeparator();
            return "VERIFIED proof bundle " + file + nl
                    + "  entry:      tenant " + header.tenantId() + ", seq " + header.seq() + ", " + header.entryType()
                    + ", entry id " + header.entryId() + nl
                    + "  payload:    " + (verified.entry().payloadOrNull() == null ? "erased (the header and its hashes remain)"
                    : "present, " + verified.entry().payloadOrNull().length + " bytes, matches the payload hash") + nl
                    + "  checkpoint: " + verified.checkpoint().origin() + ", size " + verified.checkpoint().size()
                    + ", root " + Base64.getEncoder().encodeToString(verified.checkpoint().rootHash()) + nl
                    + "  the entry is in the tree this signed checkpoint commits to" + nl;
        }

        public ObjectNode json() {
            ObjectNode out = JSON.objectNode().put("verified", ok()).put("file", file.toString());
            if (!ok()) {
                out.putObject("failure").put("code", failure.code()).put("message", failure.getMessage());
                return out;
            }
            EntryHeader header = verified.entry().header();
            out.putObject("entry").put("tenant_id", header.tenantId()).put("seq", header.seq())
                    .put("entry_type", header.entryType()).put("entry_id", header.entryId())
                    .put("leaf_hash", HexFormat.of().formatHex(header.leafHash()))
                    .put("payload_present", verified.entry().payloadOrNull() != null);
            out.putObject("checkpoint").put("origin", verified.checkpoint().origin())
                    .put("size", verified.checkpoint().size())
                    .put("root_hash", HexFormat.of().formatHex(verified.checkpoint().rootHash()));
            return out;
        }
    }

    private ProofCheck() {
    }

    /**
     * @throws UsageException if the key is not a verifier key or the file cannot be read
     */
    public static Outcome run(Path file, List<String> verifierKeys) throws UsageException {
        List<NoteVerifier> key = new java.util.ArrayList<>();
        for (String text : verifierKeys) {
            try {
                key.add(NoteVerifier.parse(text));
            } catch (NoteFormatException e) {
                throw new UsageException("--key is not a signed-note verifier key (name+id+base64): " + e.getMessage());
            }
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(ProofBundle.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        try {
            return new Outcome(file, ProofBundleVerifier.verify(bytes, key), null);
        } catch (ProofBundleException e) {
            return new Outcome(file, null, e);
        }
    }
}
