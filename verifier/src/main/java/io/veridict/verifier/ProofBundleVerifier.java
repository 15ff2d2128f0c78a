package io.veridict.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.InclusionProofVerifier;
import io.veridict.schemas.format.LedgerFormatException;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.OpenedCheckpoint;
import io.veridict.schemas.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link ProofBundle} offline against the ledger's checkpoint verifier key, in the order
 * docs/checkpoints.md gives: the checkpoint's signature and origin, the entry's own hashes, its
 * payload (when present), and the inclusion of its leaf in the checkpoint's tree.
 */
public final class ProofBundleVerifier {

    private ProofBundleVerifier() {
    }

    /**
     * What a bundle proved.
     *
     * @param entry      the entry (header, payload or null when erased, salt)
     * @param checkpoint the signed checkpoint the entry is proved to be in
     */
    public record Verified(ExportEntry entry, Checkpoint checkpoint) {
    }

    /**
     * @param bundle the bundle's bytes
     * @param key    the checkpoint verifier key the auditor trusts
     * @return what it proves
     * @throws ProofBundleException naming the first check that failed
     */
    public static Verified verify(byte[] bundle, NoteVerifier key) throws ProofBundleException {
        return verify(bundle, List.of(key));
    }

    /**
     * @param keys the checkpoint verifier keys the auditor trusts (a log's keys across rotations)
     */
    public static Verified verify(byte[] bundle, List<NoteVerifier> keys) throws ProofBundleException {
        ProofBundle parsed = ProofBundle.parse(bundle);
        OpenedCheckpoint opened;
        try {
            opened = OpenedCheckpoint.open(parsed.signedCheckpoint(), keys);
        } catch (NoteFormatException e) {
            throw new ProofBundleException(ProofBundleException.CHECKPOINT_NOT_SIGNED,
                    "the checkpoint is not signed by " + keys.get(0).name() + ": " + e.getMessage());
        }
        ExportEntry entry = entryOf(parsed);
        EntryHeader header = entry.header();
        Checkpoint checkpoint = opened.checkpoint();
        String origin = opened.originFor(header.tenantId());
        if (!checkpoint.origin().equals(origin)) {
            throw new ProofBundleException(ProofBundleException.ORIGIN_MISMATCH, "the checkpoint's origin is \""
                    + checkpoint.origin() + "\", but an entry of tenant " + header.tenantId() + " is proved against \"" + origin + "\"");
        }
        if (parsed.index() != header.seq()) {
            throw new ProofBundleException(ProofBundleException.INDEX_MISMATCH,
                    "the bundle's index is " + parsed.index() + " but its entry's seq is " + header.seq());
        }
        if (header.seq() >= checkpoint.size()) {
            throw new ProofBundleException(ProofBundleException.INDEX_MISMATCH,
                    "seq " + header.seq() + " is not in a tree of size " + checkpoint.size());
        }
        checkHeader(header);
        if (entry.payloadOrNull() != null) {
            checkPayload(entry);
        }
        try {
            InclusionProofVerifier.verify(header.seq(), checkpoint.size(), header.leafHash(), parsed.proof(),
                    checkpoint.rootHash());
        } catch (LedgerFormatException e) {
            throw new ProofBundleException(ProofBundleException.INCLUSION_PROOF_FAILED,
                    "the inclusion proof of seq " + header.seq() + " does not lead to the checkpoint's root: " + e.getMessage());
        }
        return new Verified(entry, checkpoint);
    }

    private static ExportEntry entryOf(ProofBundle parsed) throws ProofBundleException {
        if (parsed.extraOrNull() == null) {
            throw new ProofBundleException(ProofBundleException.MALFORMED, "the bundle has no extra line with its entry");
        }
        try {
            String line = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(parsed.extraOrNull())).toString();
            JsonNode node = ExportLineParser.object(line, 1);
            if (!ExportFormat.TYPE_ENTRY.equals(ExportLineParser.type(node, 1))) {
                throw new ExportFormatException(1, "type must be \"" + ExportFormat.TYPE_ENTRY + "\"");
            }
            return ExportLineParser.entry(node, 1, ExportFormat.VERSION);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProofBundleException(ProofBundleException.MALFORMED, "the extra line is not UTF-8");
        } catch (ExportFormatException e) {
            throw new ProofBundleException(ProofBundleException.MALFORMED,
                    "the extra line is not an export entry line: " + e.problem());
        }
    }

    private static void checkHeader(EntryHeader header) throws ProofBundleException {
        byte[] leaf;
        try {
            leaf = LedgerHashes.leafHash(header);
        } catch (RuntimeException e) {
            throw new ProofBundleException(ProofBundleException.HEADER_HASH_MISMATCH,
                    "the entry's leaf hash cannot be computed: " + e.getMessage());
        }
        if (!Arrays.equals(leaf, header.leafHash())) {
            throw new ProofBundleException(ProofBundleException.HEADER_HASH_MISMATCH,
                    "the entry's fields hash to leaf hash " + hex(leaf) + ", not to the stated " + hex(header.leafHash()));
        }
        byte[] chain = LedgerHashes.chainHash(header.prevChainHash(), leaf);
        if (!Arrays.equals(chain, header.chainHash())) {
            throw new ProofBundleException(ProofBundleException.HEADER_HASH_MISMATCH,
                    "the entry's chain hash is not H(prev_chain_hash, leaf_hash)");
        }
    }

    private static void checkPayload(ExportEntry entry) throws ProofBundleException {
        EntryHeader header = entry.header();
        byte[] hash;
        try {
            hash = LedgerHashes.payloadHash(header.formatVersion(), entry.payloadOrNull(), entry.saltOrNull());
        } catch (RuntimeException e) {
            throw new ProofBundleException(ProofBundleException.PAYLOAD_HASH_MISMATCH, e.getMessage());
        }
        if (!Arrays.equals(hash, header.payloadHash())) {
            throw new ProofBundleException(ProofBundleException.PAYLOAD_HASH_MISMATCH,
                    "the payload hashes to " + hex(hash) + ", not to the header's payload hash " + hex(header.payloadHash()));
        }
    }

    private static String hex(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
    }
}
