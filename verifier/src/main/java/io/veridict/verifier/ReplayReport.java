package io.veridict.verifier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying ledgers from Kafka ({@link TopicReplayVerifier}) or from an export
 * file ({@link ExportVerifier}).
 *
 * <p>The ledger {@linkplain #verified() verifies} when no tenant's chain failed, no record was
 * unreadable and no payload is an orphan. Erased payloads are not failures.
 *
 * @param source      what was read, for humans: e.g. {@code kafka localhost:9092 veridict.entries, veridict.payloads}
 * @param entriesRead entry records (or lines) read for the tenants verified, including those
 *                    after a failure
 * @param tenants     one result per tenant, sorted by tenant id
 * @param failures    at most one per tenant (the first), plus one per record that cannot be
 *                    attributed to a tenant
 * @param orphans     payloads no entry refers to
 * @param elapsed     wall-clock time of the verification
 * @param pinnedOrNull the checkpoint kept from an earlier audit the ledger was judged against
 *                     ({@code --since}), or null; a failure names it when the ledger does not hold it
 * @param checkpointsRead records of the checkpoints topic read (for the tenants verified), or -1
 *                        when the topic was not read (no verifier key)
 * @param checkpointsHeld distinct signed tree sizes the chains were found to hold
 */
public record ReplayReport(String source, long entriesRead, List<TenantResult> tenants, List<AuditFailure> failures,
                           List<OrphanPayload> orphans, Duration elapsed, PinnedCheckpoint pinnedOrNull,
                           long checkpointsRead, long checkpointsHeld) {

    /** A report that read no checkpoints topic. */
    public ReplayReport(String source, long entriesRead, List<TenantResult> tenants, List<AuditFailure> failures,
                        List<OrphanPayload> orphans, Duration elapsed, PinnedCheckpoint pinnedOrNull) {
        this(source, entriesRead, tenants, failures, orphans, elapsed, pinnedOrNull, -1, 0);
    }

    /** A report without a kept checkpoint. */
    public ReplayReport(String source, long entriesRead, List<TenantResult> tenants, List<AuditFailure> failures,
                        List<OrphanPayload> orphans, Duration elapsed) {
        this(source, entriesRead, tenants, failures, orphans, elapsed, null);
    }

    public ReplayReport {
        Objects.requireNonNull(source, "source");
        tenants = List.copyOf(tenants);
        failures = List.copyOf(failures);
        orphans = List.copyOf(orphans);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return whether everything read verifies: no failure, no orphan payload */
    public boolean verified() {
        return failures.isEmpty() && orphans.isEmpty();
    }

    /** @return entries that passed every check, over all tenants */
    public long entriesVerified() {
        return tenants.stream().mapToLong(TenantResult::entriesVerified).sum();
    }

    /** @return verified entries whose payload was erased, over all tenants */
    public long erasedPayloads() {
        return tenants.stream().mapToLong(TenantResult::erasedPayloads).sum();
    }

    /** @return verified entries whose payload is encrypted (not checkable without the key) */
    public long encryptedPayloads() {
        return tenants.stream().mapToLong(TenantResult::encryptedPayloads).sum();
    }

    /** @return entries read per second of elapsed time (0 when nothing was read) */
    public double entriesPerSecond() {
        long nanos = Math.max(elapsed.toNanos(), 1);
        return entriesRead * 1e9 / nanos;
    }
}
