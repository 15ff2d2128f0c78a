package io.veridict.api.auth;

import io.veridict.streams.RefusalCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.streams.access.AccessChanges;
import io.veridict.streams.chain.ChainProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExpirySweepTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<List<ApiKeyState>> groups = new ArrayList<>();

    @Test
    void shouldRecordEveryOtherExpiryWhenOneIsRefused() {
        List<ApiKeyState> keys = List.of(key("acme", "k1", NOW.minusSeconds(5)), key("acme", "k2", NOW.minusSeconds(4)),
                key("globex", "k3", NOW.minusSeconds(3)), key("globex", "k4", NOW), key("globex", "k5", NOW.minusSeconds(1)));
        Map<String, Optional<CommandOutcome>> answers = Map.of(
                "k1", outcome(OutcomeStatus.CONFLICT, RefusalCode.IDEMPOTENCY_KEY_REUSED.name()),
                "k2", outcome(OutcomeStatus.CHAINED, null),
                "k3", outcome(OutcomeStatus.DUPLICATE, null),
                "k4", Optional.empty(),
                "k5", outcome(OutcomeStatus.CONFLICT, RefusalCode.KEY_NOT_ACTIVE.name()));

        ExpirySweep.Result result = sweep(keys, answers).sweep();

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).extracting(ApiKeyState::getKeyId).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(result).isEqualTo(new ExpirySweep.Result(1, 2, 1, 1));
    }

    @Test
    void shouldLeaveKeysThatAreNotDueOrNoLongerActive() {
        ApiKeyState revoked = key("acme", "k2", NOW.minusSeconds(60));
        revoked.setStatus(KeyStatus.REVOKED);
        List<ApiKeyState> keys = List.of(key("acme", "k1", NOW.plusMillis(1)), revoked, key("acme", "k3", null));

        ExpirySweep.Result result = sweep(keys, Map.of()).sweep();

        assertThat(groups).isEmpty();
        assertThat(result).isEqualTo(new ExpirySweep.Result(0, 0, 0, 0));
    }

    @Test
    void shouldChainExpiriesInGroupsOfAtMost500() {
        List<ApiKeyState> keys = IntStream.range(0, 1201).mapToObj(i -> key("acme", "k" + i, NOW.minusSeconds(1))).toList();

        ExpirySweep.Result result = sweep(keys, Map.of()).sweep();

        assertThat(groups).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(result.recorded()).isEqualTo(1201);
    }

    private ExpirySweep sweep(List<ApiKeyState> keys, Map<String, Optional<CommandOutcome>> answers) {
        return new ExpirySweep(() -> keys, group -> {
            groups.add(List.copyOf(group));
            return group.stream().map(k -> answers.getOrDefault(k.getKeyId(), outcome(OutcomeStatus.CHAINED, null))).toList();
        }, Duration.ofSeconds(30), CLOCK);
    }

    private static Optional<CommandOutcome> outcome(OutcomeStatus status, String reason) {
        return Optional.of(CommandOutcome.newBuilder().setCommandId("c").setTenantId("t").setIdempotencyKey("i")
                .setStatus(status).setReason(reason).build());
    }

    private static ApiKeyState key(String tenant, String keyId, Instant expiresAt) {
        return ApiKeyState.newBuilder().setKeyId(keyId).setTenantId(tenant).setScopes(List.of("decisions:record"))
                .setExpiresAt(expiresAt).setStatus(KeyStatus.ACTIVE).setSecrets(List.of()).setCreatedSeq(1)
                .setCreatedAt(NOW.minusSeconds(3600)).setUpdatedAt(NOW.minusSeconds(3600)).setSeq(1).build();
    }
}
