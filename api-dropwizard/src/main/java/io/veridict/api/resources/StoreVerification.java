package io.veridict.api.resources;

import io.veridict.verifier.AvroHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.streams.chain.LedgerRow;
import io.veridict.schemas.format.ChainFailure;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.ChainVerification;
import io.veridict.schemas.format.ChainVerifier;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/audit/verify}: recomputes every leaf, chain link and payload hash of a
 * range of the tenant's stored entries, and, when the range reaches the end, compares the
 * result with the head the chain processor holds. The range is {@code from_seq} (default 0) to
 * {@code to_seq} (default, and at most, the last seq); a {@code from_seq} beyond the last seq, or
 * a {@code to_seq} below {@code from_seq}, is refused with 422.
 */
final class StoreVerification {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final LedgerQueries ledger;
    private final String tenant;

    StoreVerification(LedgerQueries ledger, String tenant) {
        this.ledger = ledger;
        this.tenant = tenant;
    }

    ObjectNode run(JsonNode range) {
        checkMembers(range);
        ChainHead stored = ledger.head(tenant).orElse(ChainHead.genesis(tenant));
        long last = stored.lastSeq();
        long from = member(range, "from_seq", 0);
        long to = Math.min(member(range, "to_seq", last), last);
        if (from > 0 && from > last) {
            throw QueryParams.invalid("from_seq", "must be at most the last seq of the ledger, " + last);
        }
        if (range.hasNonNull("to_seq") && member(range, "to_seq", last) < from) {
            throw QueryParams.invalid("to_seq", "must not be less than from_seq");
        }
        ChainVerifier verifier = from == 0 ? ChainVerifier.fromGenesis(tenant) : resumeBefore(from);
        ChainFailure unreadable = null;
        ChainHead unreadableBefore = null;
        for (long seq = from; seq <= to && !verifier.hasFailed() && unreadable == null; seq += AuditResource.SCAN_PAGE) {
            for (LedgerRow e : ledger.entries(tenant, seq, Math.min(to, seq + AuditResource.SCAN_PAGE - 1), AuditResource.SCAN_PAGE)) {
                ChainHead before = verifier.head();
                verifier.accept(AvroHeaders.fromAvro(e.header()), e.payloadBytesOrNull(), e.payloadSaltOrNull(),
                        e.header().getSeq());
                if (e.payloadProblemOrNull() != null && !verifier.hasFailed()) {
                    // A sealed payload that does not open was altered: the header chain up to it holds.
                    unreadable = new ChainFailure(ChainFailure.Kind.PAYLOAD_HASH_MISMATCH, tenant, e.header().getSeq(),
                            e.header().getSeq(), HEX.formatHex(e.header().getPayloadHash().bytes()), "unreadable",
                            e.payloadProblemOrNull());
                    unreadableBefore = before;
                    break;
                }
            }
        }
        // A range ending before the head cannot see the erasure records after it (ledger format §9.4).
        ChainVerification result = to == last ? verifier.finish() : verifier.finishRange();
        if (unreadable != null) {
            return JSON.objectNode().put("tenant_id", tenant).put("from_seq", from).put("to_seq", to)
                    .put("entries_checked", unreadableBefore.size() - from)
                    .put("erased_payloads", result.erasedPayloads() - 1).put("valid", false)
                    .set("failure", failure(unreadable));
        }
        ObjectNode body = JSON.objectNode().put("tenant_id", tenant).put("from_seq", from).put("to_seq", to)
                .put("entries_checked", result.entriesChecked()).put("erased_payloads", result.erasedPayloads())
                .put("unaccounted_payloads", result.payloads().unaccounted());
        ArrayNode erasures = body.putArray("erasures");
        result.payloads().erasures().forEach(e -> erasures.addObject()
                .put("seq", e.seq()).put("operation", e.operation()).put("erased", e.erased()));
        if (result.failure().isPresent()) {
            return body.put("valid", false).set("failure", failure(result.failure().get()));
        }
        ChainHead head = result.head();
        if (to == last && !java.util.Arrays.equals(head.chainHash(), stored.chainHash())) {
            ChainFailure mismatch = new ChainFailure(ChainFailure.Kind.CHAIN_HASH_MISMATCH, tenant, last, last,
                    HEX.formatHex(stored.chainHash()), HEX.formatHex(head.chainHash()),
                    "the stored entries do not lead to the head the chain processor holds");
            return body.put("valid", false).set("failure", failure(mismatch));
        }
        ObjectNode verifiedHead = JSON.objectNode().put("size", head.size()).put("chain_hash", HEX.formatHex(head.chainHash()));
        head.merkleRoot().ifPresent(root -> verifiedHead.put("merkle_root", HEX.formatHex(root)));
        body.put("valid", true).set("head", verifiedHead);
        return body;
    }

    private ChainVerifier resumeBefore(long from) {
        LedgerRow previous = ledger.entry(tenant, from - 1).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "no entry with seq " + (from - 1) + " to resume verification from"));
        return ChainVerifier.resumeFrom(new ChainHead(tenant, from, previous.header().getChainHash().bytes(), null));
    }

    private static ObjectNode failure(ChainFailure f) {
        return JSON.objectNode().put("kind", f.kind().name()).put("seq", f.seq())
                .put("expected", f.expected()).put("actual", f.actual()).put("detail", f.detail());
    }

    private static void checkMembers(JsonNode range) {
        range.fieldNames().forEachRemaining(name -> {
            if (!Set.of("from_seq", "to_seq").contains(name)) {
                throw QueryParams.invalid(name, "is not a known member");
            }
        });
    }

    private static long member(JsonNode range, String name, long fallback) {
        JsonNode value = range.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "invalid " + name,
                    List.of(new io.veridict.api.errors.FieldProblem(name, "must be a non-negative integer")));
        }
        return value.asLong();
    }
}
