package io.veridict.verifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.ChainHead;
import io.veridict.verifier.RecordLocation.FileLine;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.util.HexFormat;

/**
 * A {@link ReplayReport} as one JSON document, the machine-readable output of
 * {@code veridict verify --json}. Member names are stable (documented in
 * docs/export-format.md, "Verification report"); every member is always present, with
 * {@code null} where a value does not apply.
 */
public final class ReplayReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private ReplayReportJson() {
    }

    /**
     * @param report the report
     * @return {@code {"verified", "source", "summary", "tenants", "failures", "orphan_payloads", "checkpoint"}}
     */
    public static ObjectNode toJson(ReplayReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("verified", report.verified());
        root.put("source", report.source());
        root.set("summary", summary(report));
        ArrayNode tenants = root.putArray("tenants");
        report.tenants().forEach(t -> tenants.add(tenant(t)));
        ArrayNode failures = root.putArray("failures");
        report.failures().forEach(f -> failures.add(failure(f)));
        ArrayNode orphans = root.putArray("orphan_payloads");
        report.orphans().forEach(o -> orphans.add(orphan(o)));
        PinnedCheckpoint kept = report.pinnedOrNull();
        if (kept == null) {
            root.putNull("checkpoint");
        } else {
            boolean broken = report.failures().stream().anyMatch(f -> f.kind() == AuditFailure.Kind.CHECKPOINT_TRUNCATED
                    || f.kind() == AuditFailure.Kind.CHECKPOINT_MISMATCH);
            ObjectNode checkpoint = root.putObject("checkpoint").put("file", kept.file())
                    .put("origin", kept.checkpoint().origin()).put("tenant_id", kept.tenantId())
                    .put("size", kept.checkpoint().size()).put("root_hash", HEX.formatHex(kept.checkpoint().rootHash()));
            if (broken || report.verified()) {
                checkpoint.put("held", !broken);
            } else {
                checkpoint.putNull("held");
            }
        }
        return root;
    }

    private static ObjectNode summary(ReplayReport report) {
        return NODES.objectNode()
                .put("tenants", report.tenants().size())
                .put("entries_read", report.entriesRead())
                .put("entries_verified", report.entriesVerified())
                .put("erased_payloads", report.erasedPayloads())
                .put("encrypted_payloads", report.encryptedPayloads())
                .put("orphan_payloads", report.orphans().size())
                .put("failures", report.failures().size())
                .put("checkpoints_read", report.checkpointsRead() < 0 ? null : report.checkpointsRead())
                .put("checkpoints_held", report.checkpointsRead() < 0 ? null : report.checkpointsHeld())
                .put("elapsed_ms", report.elapsed().toMillis())
                .put("entries_per_second", Math.round(report.entriesPerSecond()));
    }

    private static ObjectNode tenant(TenantResult tenant) {
        ChainHead head = tenant.head();
        ObjectNode headNode = head == null ? null : NODES.objectNode()
                .put("size", head.size())
                .put("last_seq", head.lastSeq())
                .put("chain_hash", HEX.formatHex(head.chainHash()))
                .put("merkle_root", head.merkleRoot().map(HEX::formatHex).orElse(null));
        ObjectNode node = NODES.objectNode()
                .put("tenant_id", tenant.tenantId())
                .put("verified", tenant.verified())
                .put("entries_verified", tenant.entriesVerified())
                .put("erased_payloads", tenant.erasedPayloads())
                .put("encrypted_payloads", tenant.encryptedPayloads())
                .put("unaccounted_payloads", tenant.payloads().unaccounted());
        var erasures = node.putArray("erasures");
        tenant.payloads().erasures().forEach(e -> erasures.addObject()
                .put("seq", e.seq()).put("operation", e.operation()).put("erased", e.erased()));
        node.set("head", headNode == null ? NODES.nullNode() : headNode);
        return node;
    }

    private static ObjectNode failure(AuditFailure failure) {
        ObjectNode node = NODES.objectNode()
                .put("kind", failure.kind().name())
                .put("tenant_id", failure.tenantOrNull())
                .put("seq", failure.seqOrNull());
        location(node, failure.location());
        return node.put("expected", failure.expectedOrNull())
                .put("actual", failure.actualOrNull())
                .put("detail", failure.detail());
    }

    private static ObjectNode orphan(OrphanPayload orphan) {
        ObjectNode node = NODES.objectNode()
                .put("tenant_id", orphan.tenantId())
                .put("seq", orphan.seq());
        location(node, orphan.location());
        return node.put("payload_hash", orphan.payloadHashOrNull())
                .put("detail", orphan.detail());
    }

    /** {@code topic}, {@code partition}, {@code offset}, {@code file}, {@code line}: the ones that apply, others null. */
    private static void location(ObjectNode node, RecordLocation location) {
        KafkaRecord kafka = location instanceof KafkaRecord k ? k : null;
        FileLine file = location instanceof FileLine f ? f : null;
        node.put("topic", kafka == null ? null : kafka.topic());
        node.put("partition", kafka == null ? null : kafka.partition());
        node.put("offset", kafka == null ? null : kafka.offset());
        node.put("file", file == null ? null : file.file());
        node.put("line", file == null ? null : file.line());
    }
}
