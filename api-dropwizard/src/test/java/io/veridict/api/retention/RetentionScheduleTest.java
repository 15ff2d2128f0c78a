package io.veridict.api.retention;

import io.veridict.streams.RefusalCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.testing.MutableClock;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionRequestType;
import io.veridict.streams.IdempotencyKeys;
import io.veridict.streams.retention.RetentionChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionScheduleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<List<LedgerCommand>> sent = new ArrayList<>();

    @Test
    void shouldSendOneRunPerTenantUnderTheSlotsKeyAndGoOnPastEachFailure() {
        RetentionSchedule schedule = new RetentionSchedule(() -> List.of("acme", "globex", "initech", "umbrella"), commands -> {
            sent.add(commands);
            return List.of(Optional.of(outcome(OutcomeStatus.CHAINED, null)), Optional.empty(),
                    Optional.of(outcome(OutcomeStatus.CONFLICT, RefusalCode.NOTHING_TO_ERASE.name())),
                    Optional.of(outcome(OutcomeStatus.CHAINED, null)));
        }, Duration.ofHours(1), clock);

        assertThat(schedule.runOnce()).as("runs that erased something").isEqualTo(2);

        List<LedgerCommand> commands = sent.get(0);
        assertThat(commands).extracting(LedgerCommand::getTenantId).containsExactly("acme", "globex", "initech", "umbrella");
        long slot = clock.instant().toEpochMilli() / Duration.ofHours(1).toMillis();
        assertThat(commands.get(0).getIdempotencyKey()).isEqualTo(IdempotencyKeys.retentionRun("acme", slot));
        assertThat(IdempotencyKeys.isInternal(commands.get(0).getIdempotencyKey())).as("no client can write it").isTrue();
        assertThat(commands.get(0).getActor().getKind()).isEqualTo(ActorKind.SYSTEM);
        assertThat(((RetentionRequest) commands.get(0).getBody()).getRequest()).isEqualTo(RetentionRequestType.APPLY);
    }

    @Test
    void shouldSurviveAChainThatThrowsAndTryAgainAtTheNextSlot() {
        int[] calls = {0};
        RetentionSchedule schedule = new RetentionSchedule(() -> List.of("acme"), commands -> {
            calls[0]++;
            if (calls[0] == 1) {
                throw new IllegalStateException("broker unavailable");
            }
            return List.of(Optional.of(outcome(OutcomeStatus.CHAINED, null)));
        }, Duration.ofHours(1), clock);

        assertThat(schedule.runOnce()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(schedule.runOnce()).isEqualTo(1);
    }

    private static CommandOutcome outcome(OutcomeStatus status, String reason) {
        CommandOutcome outcome = new CommandOutcome();
        outcome.setStatus(status);
        outcome.setReason(reason);
        return outcome;
    }
}
