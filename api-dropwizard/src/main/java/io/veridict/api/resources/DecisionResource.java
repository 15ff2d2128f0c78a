package io.veridict.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.DecisionBatch;
import io.veridict.api.api.DecisionRequest;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.Principal;
import io.veridict.api.auth.RequiresScope;
import io.veridict.api.auth.Scope;
import io.veridict.api.core.DecisionRecorder;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.CorrelationId;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recording decisions ({@code POST /v1/decisions/record}, {@code POST /v1/decisions/record:batch})
 * and reading one back ({@code GET /v1/decisions/{decision_id}}).
 *
 * <p>Nothing reaches the commands topic unless the whole request is valid. A new entry
 * answers 201 with its receipt; a retry with the same idempotency key and body answers 200
 * with the original receipt; the same key with another body answers 409; an entry not yet
 * chained within the configured wait answers 202 with the URL of its receipt.
 */
@Path("/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
public final class DecisionResource {

    private final DecisionRecorder recorder;
    private final LedgerQueries ledger;
    private final StrictJsonReader singleReader;
    private final StrictJsonReader batchReader;
    private final int maxBatchSize;
    private final Clock clock;

    public DecisionResource(DecisionRecorder recorder, LedgerQueries ledger, StrictJsonReader singleReader,
                            StrictJsonReader batchReader, int maxBatchSize, Clock clock) {
        this.recorder = recorder;
        this.ledger = ledger;
        this.singleReader = singleReader;
        this.batchReader = batchReader;
        this.maxBatchSize = maxBatchSize;
        this.clock = clock;
    }

    @POST
    @Path("record")
    @RequiresScope(Scope.DECISIONS_RECORD)
    public Response record(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        String tenant = RequestHeaders.tenantId(headers);
        String key = RequestHeaders.idempotencyKey(headers);
        DecisionRequest decision = DecisionRequest.fromJson(singleReader.read(body, headers));
        LedgerCommand command = command(tenant, key, CorrelationId.current(request), Principal.of(request), decision);
        return Outcomes.single(tenant, key, recorder.recordGrouped(command));
    }

    @POST
    @Path("record:batch")
    @RequiresScope(Scope.DECISIONS_RECORD)
    public Response recordBatch(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        String tenant = RequestHeaders.tenantId(headers);
        String batchKey = RequestHeaders.batchIdempotencyKey(headers, maxBatchSize);
        DecisionBatch batch = DecisionBatch.fromJson(batchReader.read(body, headers), maxBatchSize, singleReader.limits().maxFields());
        String correlationId = CorrelationId.current(request);
        Principal principal = Principal.of(request);
        List<LedgerCommand> commands = new ArrayList<>(batch.size());
        List<String> keys = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String key = RequestHeaders.batchItemKey(batchKey, i);
            keys.add(key);
            commands.add(command(tenant, key, correlationId, principal, batch.decisions().get(i)));
        }
        return Outcomes.batch(tenant, keys, recorder.recordAtomically(tenant, commands, batchKey, correlationId));
    }

    /** The entry recording {@code decisionId}; another tenant's ids answer as unknown ones. */
    @GET
    @Path("{decision_id}")
    @OwnerRead
    @RequiresScope(Scope.DECISIONS_READ)
    public ObjectNode decision(@Context HttpHeaders headers, @PathParam("decision_id") String decisionId) {
        String tenant = RequestHeaders.tenantId(headers);
        return ledger.decisionSeq(tenant, decisionId).flatMap(seq -> ledger.entry(tenant, seq))
                .map(AuditResource::entryNode)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no decision with this decision_id"));
    }

    private LedgerCommand command(String tenant, String idempotencyKey, String correlationId, Principal principal,
                                  DecisionRequest decision) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(idempotencyKey)
                .setCorrelationId(correlationId)
                .setActor(principal.actor())
                .setReceivedAt(clock.instant())
                .setBody(decision.toAvro())
                .build();
    }
}
