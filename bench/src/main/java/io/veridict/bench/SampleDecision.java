package io.veridict.bench;

import io.veridict.api.api.DecisionRequest;
import io.veridict.api.core.ApiLimitsFactory;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The decision every measurement records: a realistic credit decision with context, policy,
 * two violations, metadata and two evidence references (non-ASCII text included), as the
 * API's golden "full" request. It has no {@code decision_id}, so the same body can be recorded
 * any number of times (the ledger assigns the command id).
 *
 * <p>{@link #command} builds the {@link LedgerCommand} exactly as the API would from that body:
 * parsed by the API's own strict reader and request model, so its serialized size is what the
 * service publishes.
 */
final class SampleDecision {

    /** Tenants the load is spread over (one chain each). */
    static final List<String> TENANTS = IntStream.range(0, 20)
            .mapToObj(i -> String.format(Locale.ROOT, "bench-tenant-%02d", i)).toList();

    static final String BODY = """
            {"context":{"applicant":{"id":"u-17","name":"Zoë Ångström","age":41,"country":"SE"},\
            "amount":2500.50,"currency":"EUR","product":"consumer-credit","term_months":36,\
            "scores":[0.1,100,-0,742],"flags":{"manual_review":false,"note":null}},\
            "decision":{"outcome":"deny","reasons":["income","history"],"limit":0},\
            "policy":{"id":"credit/limits","version":"2024-06",\
            "hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},\
            "violations":[{"rule_id":"income.min","severity":"HIGH","message":"income below 30000, see policy §4"},\
            {"rule_id":"history.defaults","severity":"CRITICAL"}],\
            "metadata":{"channel":"web","request_ip_hash":"ab12","model":"risk-v7"},\
            "evidence":[{"uri":"s3://evidence/loan-42/report.pdf",\
            "sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","media_type":"application/pdf"},\
            {"uri":"https://example.com/ledger/42","sha256":null}]}""";

    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    private static final RecordDecision DECISION = parse();

    private SampleDecision() {
    }

    /** @return the body of one {@code POST /v1/decisions/record}, UTF-8 */
    static byte[] body() {
        return BODY_BYTES.clone();
    }

    /** @return the body of one {@code POST /v1/decisions/record:batch} with {@code size} decisions, UTF-8 */
    static byte[] batchBody(int size) {
        StringBuilder json = new StringBuilder(16 + size * (BODY.length() + 1)).append("{\"decisions\":[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append(BODY);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The command the API publishes for this body, for {@code tenant} under {@code idempotencyKey}. */
    static LedgerCommand command(String tenant, String idempotencyKey) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(idempotencyKey)
                .setCorrelationId(UUID.randomUUID().toString())
                .setActor(Actor.newBuilder().setKind(ActorKind.UNKNOWN).setKeyId(null).build())
                .setReceivedAt(Instant.now())
                .setBody(DECISION) // shared, never modified: serializers only read it
                .build();
    }

    /** A group command of {@code size} of this decision for {@code tenant}, item {@code j} under {@code <key>:<j>}. */
    static LedgerCommand group(String tenant, String idempotencyKey, int size) {
        List<GroupItem> items = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
            items.add(GroupItem.newBuilder().setCommandId(UUID.randomUUID().toString())
                    .setIdempotencyKey(idempotencyKey + ":" + j).setCorrelationId(UUID.randomUUID().toString())
                    .setActor(Actor.newBuilder().setKind(ActorKind.UNKNOWN).setKeyId(null).build())
                    .setReceivedAt(Instant.now()).setDecision(DECISION).build());
        }
        LedgerCommand command = command(tenant, idempotencyKey);
        command.setBody(new DecisionGroup(true, items)); // a fresh command: set in place, no deep copy
        return command;
    }

    /** @return the tenant of the {@code i}-th request of a run, round robin */
    static String tenant(long i) {
        return TENANTS.get((int) (i % TENANTS.size()));
    }

    private static RecordDecision parse() {
        var reader = new ApiLimitsFactory().build();
        return DecisionRequest.fromJson(reader.read(new ByteArrayInputStream(BODY_BYTES), "application/json",
                BODY_BYTES.length)).toAvro();
    }
}
