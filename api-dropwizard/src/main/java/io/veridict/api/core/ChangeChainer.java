package io.veridict.api.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.RequestHeaders;
import io.veridict.api.auth.Principal;
import io.veridict.api.errors.CorrelationId;
import io.veridict.api.errors.Refusals;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.streams.chain.LedgerRow;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Chains one administrative request (a retention or policy change) and answers with what its
 * entry recorded: the command is built from the request (the client's {@code Idempotency-Key}, or
 * a fresh internal one), recorded, waited for, and its entry's payload read back with its seq. A
 * refusal of the chain is thrown as the API error its code becomes ({@link Refusals}).
 */
public final class ChangeChainer {

    private final DecisionRecorder recorder;
    private final LedgerQueries ledger;
    private final Clock clock;

    public ChangeChainer(DecisionRecorder recorder, LedgerQueries ledger, Clock clock) {
        this.recorder = recorder;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param body  the command body
     * @param where where the change can be read once it is chained, for the answer when this
     *              instance cannot read its entry yet
     * @return the entry's payload, with {@code seq} added
     * @throws io.veridict.api.errors.ApiException the refusal, if the chain refused
     */
    public ObjectNode chain(String tenant, HttpHeaders headers, ContainerRequestContext request, Object body, String where) {
        LedgerCommand command = LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(RequestHeaders.adminIdempotencyKey(headers))
                .setCorrelationId(CorrelationId.current(request))
                .setActor(Principal.of(request).actor())
                .setReceivedAt(Instant.ofEpochMilli(clock.millis()))
                .setBody(body)
                .build();
        CommandOutcome outcome = recorder.record(List.of(command)).get(0).orElseThrow(() -> new LedgerUnavailableException(
                "the request was accepted but not chained in time; retry with the same Idempotency-Key", null));
        if (outcome.getStatus() == OutcomeStatus.CONFLICT) {
            throw Refusals.of(outcome.getReason());
        }
        long seq = outcome.getReceipt().getSeq();
        LedgerRow entry = ledger.entry(tenant, seq).orElseThrow(() -> new LedgerUnavailableException(
                "the change is chained but not readable here yet; " + where + " shows it", null));
        ObjectNode payload = (ObjectNode) CanonicalJson.parseStrict(entry.payloadBytesOrNull());
        return payload.put("seq", seq);
    }
}
