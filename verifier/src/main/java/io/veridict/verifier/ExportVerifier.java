package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.ChainVerification;
import io.veridict.schemas.format.ChainVerifier;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.FileLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.OpenedCheckpoint;
import io.veridict.schemas.note.NoteVerifier;

/**
 * Verifies an export file (docs/export-format.md) with the ledger format's
 * {@link ChainVerifier}, fed the entry lines in file order with their line numbers as positions.
 *
 * <p>An export starting at seq 0 is verified from the tenant's genesis value: the whole chain
 * up to {@code to_seq} is checked. An export starting at {@code from_seq > 0} is verified with
 * {@link ChainVerifier#resumeFrom} a head of size {@code from_seq} whose chain hash is the
 * {@code prev_chain_hash} of the first entry line: only the range's internal consistency is
 * checked from that point, and no Merkle root is reported. Tie such a range to the rest of the
 * chain by comparing that {@code prev_chain_hash} with a head you already trust (an earlier
 * audit or a signed checkpoint).
 *
 * <p>The first problem is the verdict, chain failures and format errors alike: a failure at an
 * earlier line wins over a format error found later. A file that breaks the format is a
 * {@link Kind#MALFORMED_EXPORT} failure, not an exception.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    /**
     * Verifies the export in {@code file}.
     *
     * @param file     the export
     * @param progress told about entry lines read (total from the header's range)
     * @return the report: one tenant, its failure if any
     * @throws IOException if the file cannot be read (not for format errors)
     */
    public static ReplayReport verify(Path file, ReplayProgress progress) throws IOException {
        return verify(file, progress, null);
    }

    /**
     * Verifies the export in {@code file} and, with a checkpoint kept from an earlier audit, that
     * the export holds that checkpoint's tree: at least its size, the same root
     * ({@code veridict verify --file --since}).
     *
     * @param pinnedOrNull the kept checkpoint, or null
     */
    public static ReplayReport verify(Path file, ReplayProgress progress, PinnedCheckpoint pinnedOrNull) throws IOException {
        return verify(file, progress, pinnedOrNull, List.<NoteVerifier>of());
    }

    /**
     * As {@link #verify(Path, ReplayProgress, PinnedCheckpoint)}, and with a verifier key, the
     * export's own checkpoint line must be a checkpoint that key signed of exactly the export's tree
     * ({@code veridict verify --file --key}; docs/export-format.md §4.1).
     *
     * @param keyOrNull the ledger's checkpoint verifier key, or null to leave the checkpoint line unchecked
     */
    public static ReplayReport verify(Path file, ReplayProgress progress, PinnedCheckpoint pinnedOrNull,
                                      NoteVerifier keyOrNull) throws IOException {
        return verify(file, progress, pinnedOrNull, keyOrNull == null ? List.of() : List.of(keyOrNull));
    }

    /** As above, trusting any of {@code keys} (none: the checkpoint line is left unchecked). */
    public static ReplayReport verify(Path file, ReplayProgress progress, PinnedCheckpoint pinnedOrNull,
                                      List<NoteVerifier> keys) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in, file.toString(), progress, pinnedOrNull, keys.isEmpty() ? null : keys);
        }
    }

    /**
     * Verifies an export read from {@code in}.
     *
     * @param in       the export's bytes; not closed
     * @param name     the file name to report locations with
     * @param progress told about entry lines read
     * @return the report
     * @throws IOException if reading fails (not for format errors)
     */
    public static ReplayReport verify(InputStream in, String name, ReplayProgress progress) throws IOException {
        return verify(in, name, progress, null, null);
    }

    private static ReplayReport verify(InputStream in, String name, ReplayProgress progress, PinnedCheckpoint pinnedOrNull,
                                       List<NoteVerifier> keyOrNull) throws IOException {
        long started = System.nanoTime();
        ExportReader reader;
        try {
            reader = ExportReader.open(in);
        } catch (ExportFormatException e) {
            return report(name, 0, List.of(), List.of(malformed(name, null, e)), started, pinnedOrNull);
        }
        String tenant = reader.header().tenantId();
        CheckpointWatch watch = pinnedOrNull == null ? null : new CheckpointWatch(tenant);
        if (watch != null) {
            watch.claim(pinnedOrNull.claim());
        }
        if (pinnedOrNull != null && !pinnedOrNull.tenantId().equals(tenant)) {
            AuditFailure other = new AuditFailure(Kind.CHECKPOINT_MISMATCH, tenant, null, new FileLine(name, 1),
                    pinnedOrNull.tenantId(), tenant, "the checkpoint kept in " + pinnedOrNull.file() + " is tenant "
                    + pinnedOrNull.tenantId() + "'s, this export holds tenant " + tenant + "'s ledger");
            return report(name, 0, List.of(), List.of(other), started, pinnedOrNull);
        }
        ChainVerifier verifier = null;
        ExportFormatException formatError = null;
        long read = 0;
        try {
            for (Optional<ExportEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
                ExportEntry entry = next.get();
                if (verifier == null) {
                    verifier = startFor(reader.header(), entry);
                }
                verifier.accept(entry.header(), entry.payloadOrNull(), entry.saltOrNull(), entry.lineNumber());
                if (watch != null && !verifier.hasFailed()) {
                    watch.passed(verifier.head(), entry.lineNumber(), line -> new FileLine(name, line));
                }
                read++;
                if (read % 1024 == 0) {
                    progress.update(ReplayProgress.Phase.ENTRIES, read, reader.header().entryCount());
                }
            }
        } catch (ExportFormatException e) {
            formatError = e;
        }
        progress.update(ReplayProgress.Phase.ENTRIES, read, reader.header().entryCount());
        if (verifier == null) {
            verifier = ChainVerifier.fromGenesis(tenant);
        }
        ChainVerification result = verifier.finish();
        List<AuditFailure> failures = new ArrayList<>();
        if (result.failure().isPresent()) {
            failures.add(AuditFailure.of(result.failure().get(), new FileLine(name, result.failure().get().position())));
        } else if (formatError != null) {
            failures.add(malformed(name, tenant, formatError));
        } else if (watch != null) {
            AuditFailure pinnedFailure = watch.verdict(result.head(), line -> new FileLine(name, Math.max(line, 1)));
            if (pinnedFailure != null) {
                failures.add(pinnedFailure);
            }
        }
        if (keyOrNull != null && failures.isEmpty()) {
            AuditFailure carried = carriedCheckpoint(reader, result, name, keyOrNull);
            if (carried != null) {
                failures.add(carried);
            }
        }
        // An empty range from seq > 0 has no entry line to take a head from: it names no head (§4).
        boolean noHead = read == 0 && formatError == null && reader.header().fromSeq() > 0;
        TenantResult tenantResult = new TenantResult(tenant, result.entriesChecked(), result.erasedPayloads(), 0,
                noHead ? null : result.head(), failures.isEmpty(), result.payloads());
        boolean checked = keyOrNull != null && reader.checkpointNoteOrNull() != null;
        return new ReplayReport("file " + name, read, List.of(tenantResult), failures, List.of(),
                Duration.ofNanos(System.nanoTime() - started), pinnedOrNull, keyOrNull == null ? -1 : checked ? 1 : 0,
                checked && failures.isEmpty() ? 1 : 0);
    }

    /**
     * The export's checkpoint line against the verifier key: present, signed by it for the export's
     * tenant, of exactly the export's size, and (for an export from seq 0) of the root its entries
     * make. Null when it holds.
     */
    private static AuditFailure carriedCheckpoint(ExportReader reader, ChainVerification result, String name,
                                                  List<NoteVerifier> keys) {
        NoteVerifier key = keys.get(0);
        ExportHeader header = reader.header();
        String tenant = header.tenantId();
        long size = header.toSeq() + 1;
        String note = reader.checkpointNoteOrNull();
        if (note == null) {
            return new AuditFailure(Kind.CHECKPOINT_MISSING, tenant, null, new FileLine(name, reader.lineNumber()),
                    "a checkpoint line signed by " + key, "none", "the export carries no checkpoint: nothing " + key.name()
                    + " signed vouches for its entries, so entries appended or removed at its end would go unnoticed");
        }
        FileLine at = new FileLine(name, reader.checkpointLine());
        Checkpoint checkpoint;
        try {
            OpenedCheckpoint opened = OpenedCheckpoint.open(note, keys);
            checkpoint = opened.checkpoint();
            key = opened.signer();
        } catch (NoteFormatException e) {
            return new AuditFailure(Kind.CHECKPOINT_FORGED, tenant, null, at, "a checkpoint signed by " + key, "not one",
                    "the export's checkpoint is not one " + key.name() + " signed: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(key.name() + "/" + tenant)) {
            return new AuditFailure(Kind.CHECKPOINT_FORGED, tenant, null, at, key.name() + "/" + tenant, checkpoint.origin(),
                    "the export's checkpoint signs another log's or tenant's tree");
        }
        if (checkpoint.size() > size) {
            return new AuditFailure(Kind.CHECKPOINT_TRUNCATED, tenant, header.toSeq(), at, checkpoint.size() + " entries",
                    size + " entries", "the export's checkpoint signs a tree of " + checkpoint.size()
                    + " entries, the export ends at seq " + header.toSeq() + ": entries " + size + ".." + (checkpoint.size() - 1)
                    + " were removed");
        }
        if (checkpoint.size() < size) {
            return new AuditFailure(Kind.CHECKPOINT_MISMATCH, tenant, checkpoint.size(), at, checkpoint.size() + " entries",
                    size + " entries", "the export's checkpoint signs a tree of " + checkpoint.size() + " entries: entries "
                    + checkpoint.size() + ".." + header.toSeq() + " are not signed by " + key.name() + " (appended after it signed)");
        }
        byte[] root = result.head().merkleRoot().orElse(null);
        if (root != null && !java.security.MessageDigest.isEqual(root, checkpoint.rootHash())) {
            java.util.HexFormat hex = java.util.HexFormat.of();
            return new AuditFailure(Kind.CHECKPOINT_MISMATCH, tenant, header.toSeq(), at, hex.formatHex(checkpoint.rootHash()),
                    hex.formatHex(root), "the export's entries do not make the tree its checkpoint signs: at least one was"
                    + " changed, replaced or added, hashes recomputed");
        }
        return null;
    }

    private static ChainVerifier startFor(ExportHeader header, ExportEntry first) {
        if (header.fromSeq() == 0) {
            return ChainVerifier.fromGenesis(header.tenantId());
        }
        return ChainVerifier.resumeFrom(new ChainHead(header.tenantId(), header.fromSeq(),
                first.header().prevChainHash(), null));
    }

    private static AuditFailure malformed(String name, String tenant, ExportFormatException e) {
        return new AuditFailure(Kind.MALFORMED_EXPORT, tenant, null, new FileLine(name, e.lineNumber()),
                null, null, e.problem());
    }

    private static ReplayReport report(String name, long read, List<TenantResult> tenants, List<AuditFailure> failures,
                                       long started, PinnedCheckpoint pinnedOrNull) {
        return new ReplayReport("file " + name, read, tenants, failures, List.of(),
                Duration.ofNanos(System.nanoTime() - started), pinnedOrNull);
    }
}
