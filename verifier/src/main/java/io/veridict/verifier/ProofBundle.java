package io.veridict.verifier;

import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A proof bundle (docs/checkpoints.md, "Proof bundles"): one entry of a tenant's ledger with
 * everything needed to check offline that it is in the tree a signed checkpoint commits to. The
 * text is a C2SP {@code tlog-proof} (version {@value #HEADER}): the {@code extra} line carries the
 * entry as an export entry line (docs/export-format.md §2.2: header fields, payload, salt), then the
 * entry's index (its seq), the RFC 9162 inclusion proof (one base64 hash per line, from the leaf's
 * sibling up), a blank line, and the signed checkpoint note.
 *
 * @param index            the entry's seq: its leaf index in the tenant's tree
 * @param proof            the inclusion proof of that leaf in the checkpoint's tree
 * @param extraOrNull      the bytes of the {@code extra} line (Veridict writes the entry line), or null
 * @param signedCheckpoint the checkpoint note with its signatures, as the ledger signed it
 */
public record ProofBundle(long index, List<byte[]> proof, byte[] extraOrNull, String signedCheckpoint) {

    /** The first line of every bundle. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";
    /** Largest bundle read: a payload of up to a few MiB and a checkpoint note of up to 1 MiB. */
    public static final int MAX_BYTES = 8 << 20;
    /** The media type bundles are served with. */
    public static final String MEDIA_TYPE = "text/plain; charset=utf-8";
    /** At most one hash per level of a tree of 2^63 leaves. */
    private static final int MAX_PROOF_HASHES = 63;

    public ProofBundle {
        proof = List.copyOf(proof);
    }

    /** The bundle of one entry, its extra line being the entry's export line. */
    public static ProofBundle of(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull, List<byte[]> proof,
                                 String signedCheckpoint) {
        byte[] line = ExportFormat.entryLine(header, payloadOrNull, saltOrNull).toString().getBytes(StandardCharsets.UTF_8);
        return new ProofBundle(header.seq(), proof, line, signedCheckpoint);
    }

    /** The bundle's text. */
    public String text() {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (extraOrNull != null) {
            out.append("extra ").append(base64.encodeToString(extraOrNull)).append('\n');
        }
        out.append("index ").append(index).append('\n');
        for (byte[] hash : proof) {
            out.append(base64.encodeToString(hash)).append('\n');
        }
        return out.append('\n').append(signedCheckpoint).toString();
    }

    /**
     * Reads a bundle's text. Nothing in it is trusted yet: {@link ProofBundleVerifier} checks it.
     *
     * @throws ProofBundleException ({@code BUNDLE_MALFORMED}) if it is not a {@code tlog-proof}
     */
    public static ProofBundle parse(byte[] bytes) throws ProofBundleException {
        if (bytes.length > MAX_BYTES) {
            throw malformed("the bundle is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed("the bundle is not UTF-8");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw malformed("no blank line before the checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        String checkpoint = text.substring(blank + 2);
        if (!lines[0].equals(HEADER)) {
            throw malformed("the first line must be " + HEADER);
        }
        int at = 1;
        byte[] extra = null;
        Base64.Decoder base64 = Base64.getDecoder();
        if (at < lines.length && lines[at].startsWith("extra ")) {
            extra = decode(base64, lines[at].substring("extra ".length()), "extra");
            at++;
        }
        if (at >= lines.length || !lines[at].startsWith("index ")) {
            throw malformed("an index line must follow the header (and extra) line");
        }
        String number = lines[at].substring("index ".length());
        if (!number.matches("0|[1-9][0-9]{0,18}")) {
            throw malformed("the index must be a decimal integer without leading zeros");
        }
        long index;
        try {
            index = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw malformed("the index does not fit in 63 bits");
        }
        at++;
        List<byte[]> proof = new ArrayList<>();
        for (; at < lines.length; at++) {
            if (proof.size() == MAX_PROOF_HASHES) {
                throw malformed("more than " + MAX_PROOF_HASHES + " proof hashes");
            }
            byte[] hash = decode(base64, lines[at], "proof hash " + (proof.size() + 1));
            if (hash.length != LedgerFormat.HASH_SIZE) {
                throw malformed("proof hash " + (proof.size() + 1) + " is not 32 bytes");
            }
            proof.add(hash);
        }
        return new ProofBundle(index, proof, extra, checkpoint);
    }

    private static byte[] decode(Base64.Decoder base64, String text, String what) throws ProofBundleException {
        try {
            return base64.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not standard base64");
        }
    }

    private static ProofBundleException malformed(String problem) {
        return new ProofBundleException(ProofBundleException.MALFORMED, problem);
    }
}
