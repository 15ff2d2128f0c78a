package io.veridict.api.retention;

import io.veridict.streams.RefusalCode;
import io.dropwizard.lifecycle.Managed;
import io.veridict.api.auth.Principal;
import io.veridict.api.core.DecisionRecorder;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionRequestType;
import io.veridict.streams.IdempotencyKeys;
import io.veridict.streams.retention.RetentionChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job's schedule: every {@code retention.runInterval}, a retention run of every
 * tenant, as the service's own commands. Every instance sends them under the same internal
 * idempotency key per tenant and time slot, so a run that erased something counts once. A
 * tenant whose run fails is logged and tried again at the next slot; the others go on.
 */
public final class RetentionSchedule implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Supplier<List<String>> tenants;
    private final Function<List<LedgerCommand>, List<Optional<CommandOutcome>>> chain;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /**
     * @param tenants every tenant
     * @param chain   chains commands, one outcome each, empty when not answered in time ({@link DecisionRecorder#record})
     */
    public RetentionSchedule(Supplier<List<String>> tenants, Function<List<LedgerCommand>, List<Optional<CommandOutcome>>> chain,
                             Duration interval, Clock clock) {
        this.tenants = tenants;
        this.chain = chain;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "retention-schedule");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One slot: a run per tenant. Returns how many runs erased something. */
    int runOnce() {
        try {
            Instant now = clock.instant();
            long slot = now.toEpochMilli() / interval.toMillis();
            List<String> all = tenants.get();
            List<LedgerCommand> commands = new ArrayList<>(all.size());
            for (String tenant : all) {
                commands.add(LedgerCommand.newBuilder()
                        .setCommandId(UUID.randomUUID().toString())
                        .setTenantId(tenant)
                        .setIdempotencyKey(IdempotencyKeys.retentionRun(tenant, slot))
                        .setCorrelationId("retention-run")
                        .setActor(Principal.SYSTEM.actor())
                        .setReceivedAt(now)
                        .setBody(new RetentionRequest(RetentionRequestType.APPLY, null, null, "scheduled", null, null, null, null))
                        .build());
            }
            List<Optional<CommandOutcome>> outcomes = commands.isEmpty() ? List.of() : chain.apply(commands);
            int erased = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                Optional<CommandOutcome> outcome = outcomes.get(i);
                if (outcome.isEmpty()) {
                    LOG.warn("retention run of tenant {} not answered in time; next slot tries again", all.get(i));
                } else if (outcome.get().getStatus() == OutcomeStatus.CHAINED) {
                    erased++;
                } else if (outcome.get().getStatus() == OutcomeStatus.CONFLICT
                        && !RefusalCode.NOTHING_TO_ERASE.is(outcome.get().getReason())) {
                    LOG.warn("retention run of tenant {} refused: {}", all.get(i), outcome.get().getReason());
                }
            }
            return erased;
        } catch (RuntimeException e) {
            LOG.warn("retention runs of this slot failed; the next slot tries again", e);
            return 0;
        }
    }
}
