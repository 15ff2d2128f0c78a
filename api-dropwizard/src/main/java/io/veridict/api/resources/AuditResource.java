package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.CommittedTrees;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.streams.chain.LedgerRow;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.verifier.ExportFormat;
import io.veridict.verifier.ExportHeader;
import io.veridict.verifier.ExportWriter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import io.veridict.streams.chain.CheckpointKeys;

/**
 * A tenant's ledger as auditors read it: head, entries, export and verification. Every
 * answer is scoped to the tenant named by the request.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@OwnerRead
public final class AuditResource {

    /** Largest page of {@code GET /v1/audit/entries}. */
    public static final int MAX_PAGE = 1000;
    /** Export and verification read the store in pages of this size. */
    static final int SCAN_PAGE = 1000;
    static final String NDJSON = "application/x-ndjson";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LedgerQueries ledger;
    private final StrictJsonReader reader;
    private final Clock clock;

    private final CheckpointKeys keys;
    private final CommittedTrees committed;

    public AuditResource(LedgerQueries ledger, StrictJsonReader reader, Clock clock) {
        this(ledger, reader, clock, CheckpointKeys.NONE, null);
    }

    /**
     * @param keys      sign the checkpoint line of exports (docs/export-format.md §2.3); none write none
     * @param committed how much of a tenant's tree is committed: exports end there (null: at the head)
     */
    public AuditResource(LedgerQueries ledger, StrictJsonReader reader, Clock clock, CheckpointKeys keys,
                         CommittedTrees committed) {
        this.ledger = ledger;
        this.reader = reader;
        this.clock = clock;
        this.keys = keys;
        this.committed = committed;
    }

    @GET
    @Path("head")
    @RequiresScope(Scope.AUDIT_READ)
    public ObjectNode head(@Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        ChainHead head = ledger.head(tenant).orElse(ChainHead.genesis(tenant));
        HexFormat hex = HexFormat.of();
        ObjectNode body = JSON.objectNode().put("tenant_id", tenant).put("size", head.size());
        if (head.size() == 0) {
            body.putNull("seq");
        } else {
            body.put("seq", head.lastSeq());
        }
        return body.put("chain_hash", hex.formatHex(head.chainHash()))
                .put("merkle_root", hex.formatHex(head.merkleRoot().orElseThrow()))
                .put("genesis_hash", hex.formatHex(LedgerHashes.genesis(tenant)));
    }

    @GET
    @Path("entries")
    @RequiresScope(Scope.AUDIT_READ)
    public ObjectNode entries(@Context HttpHeaders headers, @QueryParam("from_seq") String fromSeq,
                              @QueryParam("limit") String limit) {
        String tenant = RequestHeaders.tenantId(headers);
        long from = QueryParams.seq("from_seq", fromSeq, 0);
        int size = (int) QueryParams.bounded("limit", limit, 100, 1, MAX_PAGE);
        List<LedgerRow> page = ledger.entries(tenant, from, Long.MAX_VALUE, size);
        ObjectNode body = JSON.objectNode();
        var items = body.putArray("entries");
        page.forEach(e -> items.add(entryNode(e)));
        long next = page.isEmpty() ? from : page.get(page.size() - 1).header().getSeq() + 1;
        boolean more = page.size() == size && ledger.entry(tenant, next).isPresent();
        if (more) {
            body.put("next_from_seq", next);
        } else {
            body.putNull("next_from_seq");
        }
        return body;
    }

    @GET
    @Path("entries/{seq}")
    @RequiresScope(Scope.AUDIT_READ)
    public ObjectNode entry(@Context HttpHeaders headers, @PathParam("seq") String seq) {
        String tenant = RequestHeaders.tenantId(headers);
        long n = QueryParams.seq("seq", seq, 0);
        return ledger.entry(tenant, n).map(AuditResource::entryNode)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no entry with seq " + n));
    }

    @GET
    @Path("export")
    @Produces({NDJSON, MediaType.APPLICATION_JSON})
    @RequiresScope(Scope.AUDIT_READ)
    public Response export(@Context HttpHeaders headers, @QueryParam("from_seq") String fromSeq,
                           @QueryParam("to_seq") String toSeq) {
        String tenant = RequestHeaders.tenantId(headers);
        long from = QueryParams.seq("from_seq", fromSeq, 0);
        // Only committed entries leave in an export: its checkpoint line vouches for all of them.
        long last = committed != null ? committed.size(tenant) - 1 : ledger.head(tenant).map(ChainHead::lastSeq).orElse(-1L);
        long to = Math.min(QueryParams.seq("to_seq", toSeq, Math.max(last, 0)), last);
        ExportHeader header = new ExportHeader(tenant, from, Math.max(to, from - 1), clock.instant());
        StreamingOutput stream = out -> {
            ExportWriter writer = ExportWriter.start(out, header);
            for (long seq = from; seq <= to; seq += SCAN_PAGE) {
                for (LedgerRow e : ledger.entries(tenant, seq, Math.min(to, seq + SCAN_PAGE - 1), SCAN_PAGE)) {
                    writer.write(e.header(), e.payloadBytesOrNull(), e.payloadSaltOrNull());
                }
            }
            long signedSize = header.toSeq() + 1;
            if (keys.any() && signedSize <= last + 1) {
                // The tree the export's range ends, signed now: an auditor with the key sees any entry added or cut.
                writer.checkpoint(keys.sign(tenant, signedSize, ledger.root(tenant, signedSize), clock.instant()));
            }
            writer.finish();
        };
        return Response.ok(stream, NDJSON).header("Content-Disposition",
                "attachment; filename=\"" + tenant + "-" + from + "-" + to + ".ndjson\"").build();
    }

    @POST
    @Path("verify")
    @RequiresScope(Scope.AUDIT_VERIFY)
    public ObjectNode verify(InputStream body, @Context HttpHeaders headers) {
        String tenant = RequestHeaders.tenantId(headers);
        return new StoreVerification(ledger, tenant).run(reader.readOptional(body, headers));
    }

    static ObjectNode entryNode(LedgerRow entry) {
        return ExportFormat.entryNode(entry.header(), entry.payloadBytesOrNull(), entry.payloadSaltOrNull());
    }
}
