package io.veridict.api.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.format.Rfc3339;
import java.util.HexFormat;

/**
 * The receipt a producer gets for a chained decision: where the entry sits in the tenant's
 * chain, the hashes that pin it there, and where a decision's proof bundle is fetched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptView(
        @JsonProperty("status") String status,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("seq") long seq,
        @JsonProperty("entry_id") String entryId,
        @JsonProperty("decision_id") String decisionId,
        @JsonProperty("leaf_hash") String leafHash,
        @JsonProperty("chain_hash") String chainHash,
        @JsonProperty("prev_chain_hash") String prevChainHash,
        @JsonProperty("recorded_at") String recordedAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("proof_url") String proofUrl) {

    /** A new entry. */
    public static final String CHAINED = "chained";
    /** The idempotency key was seen before with the same request: the original entry. */
    public static final String DUPLICATE = "duplicate";

    public static ReceiptView of(String status, EntryReceipt receipt) {
        HexFormat hex = HexFormat.of();
        return new ReceiptView(status, receipt.getTenantId(), receipt.getSeq(), receipt.getEntryId(),
                receipt.getDecisionId(), hex.formatHex(receipt.getLeafHash().bytes()),
                hex.formatHex(receipt.getChainHash().bytes()), hex.formatHex(receipt.getPrevChainHash().bytes()),
                Rfc3339.millis(receipt.getRecordedAt()), receipt.getCorrelationId(),
                receipt.getDecisionId() == null ? null : proofPath(receipt.getDecisionId()));
    }

    /** Where the proof bundle of a decision is fetched (decision ids are path-safe: {@code [A-Za-z0-9._:-]}). */
    public static String proofPath(String decisionId) {
        return "/v1/decisions/" + decisionId + "/proof";
    }
}
