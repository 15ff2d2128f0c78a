package io.veridict.api.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.resources.OwnerRead;
import io.veridict.schemas.format.ChainHead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 9162 proofs over a tenant's Merkle tree at any size up to its head (docs/checkpoints.md,
 * "Proofs"): {@code GET /v1/audit/proofs/inclusion} and {@code GET /v1/audit/proofs/consistency}.
 * Hashes are lower-case hex, as in the rest of the API.
 */
@Path("/v1/audit/proofs")
@Produces(MediaType.APPLICATION_JSON)
@OwnerRead
public final class ProofResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final LedgerQueries ledger;

    public ProofResource(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    /** The inclusion proof of entry {@code seq} in the tree of {@code tree_size} leaves (default: the head). */
    @GET
    @Path("inclusion")
    @RequiresScope(Scope.AUDIT_READ)
    public ObjectNode inclusion(@Context HttpHeaders headers, @QueryParam("seq") String seqParam,
                                @QueryParam("tree_size") String treeSizeParam) {
        String tenant = RequestHeaders.tenantId(headers);
        long head = headSize(tenant);
        long seq = Params.required("seq", seqParam);
        long treeSize = Params.size("tree_size", treeSizeParam, head);
        if (seq >= head) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no entry with seq " + seq);
        }
        if (seq >= treeSize) {
            throw new ApiException(ErrorCode.PROOF_RANGE_INVALID,
                    "seq " + seq + " is not in the tree of size " + treeSize + " (its seqs are 0.." + (treeSize - 1) + ")");
        }
        byte[] leaf = ledger.entry(tenant, seq).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no entry with seq " + seq))
                .header().getLeafHash().bytes();
        List<byte[]> proof = ledger.inclusionProof(tenant, seq, treeSize);
        ObjectNode body = JSON.objectNode().put("tenant_id", tenant).put("seq", seq).put("tree_size", treeSize)
                .put("leaf_hash", HEX.formatHex(leaf)).put("root_hash", HEX.formatHex(ledger.root(tenant, treeSize)));
        hashes(body.putArray("proof"), proof);
        return body;
    }

    /** The consistency proof from the tree of {@code from_size} leaves to that of {@code to_size} (default: the head). */
    @GET
    @Path("consistency")
    @RequiresScope(Scope.AUDIT_READ)
    public ObjectNode consistency(@Context HttpHeaders headers, @QueryParam("from_size") String fromParam,
                                  @QueryParam("to_size") String toParam) {
        String tenant = RequestHeaders.tenantId(headers);
        long head = headSize(tenant);
        long from = Params.required("from_size", fromParam);
        long to = Params.size("to_size", toParam, head);
        if (from > head) {
            throw beyondHead("from_size", from, head);
        }
        if (from > to) {
            throw new ApiException(ErrorCode.PROOF_RANGE_INVALID,
                    "from_size " + from + " is larger than to_size " + to + ": a tree is consistent only with its prefixes");
        }
        List<byte[]> proof = ledger.consistencyProof(tenant, from, to);
        ObjectNode body = JSON.objectNode().put("tenant_id", tenant).put("from_size", from).put("to_size", to)
                .put("from_root", HEX.formatHex(ledger.root(tenant, from))).put("to_root", HEX.formatHex(ledger.root(tenant, to)));
        hashes(body.putArray("proof"), proof);
        return body;
    }

    private long headSize(String tenant) {
        return ledger.head(tenant).map(ChainHead::size).orElse(0L);
    }

    private static void hashes(ArrayNode out, List<byte[]> proof) {
        proof.forEach(hash -> out.add(HEX.formatHex(hash)));
    }

    static ApiException beyondHead(String name, long size, long head) {
        return new ApiException(ErrorCode.TREE_SIZE_BEYOND_HEAD,
                name + " " + size + " is beyond the tenant's ledger, which holds " + head + " entries");
    }

    /** Query parameters of proofs and checkpoints. */
    static final class Params {

        private Params() {
        }

        /** A required non-negative integer. */
        static long required(String name, String value) {
            if (value == null || value.isEmpty()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "invalid " + name,
                        List.of(new io.veridict.api.errors.FieldProblem(name, "is required")));
            }
            return parse(name, value);
        }

        /** A tree size: a positive integer no larger than the head ({@code head} when absent). */
        static long size(String name, String value, long head) {
            long size = value == null || value.isEmpty() ? head : parse(name, value);
            if (size > head) {
                throw beyondHead(name, size, head);
            }
            if (size == 0) {
                throw new ApiException(ErrorCode.PROOF_RANGE_INVALID, name + " is 0: the empty tree proves nothing"
                        + (head == 0 ? " (the tenant's ledger is empty)" : ""));
            }
            return size;
        }

        private static long parse(String name, String value) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= 0 && value.matches("[0-9]{1,19}")) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new ApiException(ErrorCode.INVALID_REQUEST, "invalid " + name,
                    List.of(new io.veridict.api.errors.FieldProblem(name, "must be a decimal integer between 0 and "
                            + Long.MAX_VALUE)));
        }
    }
}
