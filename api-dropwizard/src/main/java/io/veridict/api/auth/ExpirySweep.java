package io.veridict.api.auth;

import io.veridict.streams.RefusalCode;
import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.streams.access.AccessChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains an {@code EXPIRED} key operation for every active key past its {@code expires_at}.
 * Authentication refuses such a key from the instant it expires; the sweep only records it in
 * the ledger. Every instance sweeps; the internal idempotency key of each expiry
 * ({@link io.veridict.streams.IdempotencyKeys#keyExpiry}) makes the ledger record it once.
 *
 * <p>The expiries due are chained in groups of {@value #GROUP}. One key's refusal never stops
 * the others: each outcome is looked at on its own, a refusal is logged with the tenant, the
 * key id and the reason, and the key is tried again at the next sweep.
 */
public final class ExpirySweep implements Managed {

    /** Most expiries chained as one group. */
    static final int GROUP = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final Supplier<List<ApiKeyState>> keys;
    private final Function<List<ApiKeyState>, List<Optional<CommandOutcome>>> chain;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /**
     * @param keys     every key of every tenant ({@link AccessView#allKeys})
     * @param chain    chains the expiries of a group of keys, one outcome per key
     *                 ({@link AccessAdmin#recordExpiries})
     * @param interval time between two sweeps
     */
    public ExpirySweep(Supplier<List<ApiKeyState>> keys, Function<List<ApiKeyState>, List<Optional<CommandOutcome>>> chain,
                       Duration interval, Clock clock) {
        this.keys = keys;
        this.chain = chain;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * What one sweep did.
     *
     * @param recorded        expiries this sweep chained
     * @param alreadyRecorded expiries another sweep (of this or another instance) chained first
     * @param pending         expiries whose outcome did not arrive in time (tried again next sweep)
     * @param failed          expiries the ledger refused (logged; tried again next sweep)
     */
    public record Result(int recorded, int alreadyRecorded, int pending, int failed) {
        Result plus(Result other) {
            return new Result(recorded + other.recorded, alreadyRecorded + other.alreadyRecorded,
                    pending + other.pending, failed + other.failed);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "key-expiry-sweep");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Records every expiry due now. */
    public Result sweep() {
        Instant now = clock.instant();
        List<ApiKeyState> due = keys.get().stream()
                .filter(k -> k.getStatus() == KeyStatus.ACTIVE && k.getExpiresAt() != null && !k.getExpiresAt().isAfter(now))
                .toList();
        Result result = new Result(0, 0, 0, 0);
        for (int from = 0; from < due.size(); from += GROUP) {
            List<ApiKeyState> group = due.subList(from, Math.min(due.size(), from + GROUP));
            List<Optional<CommandOutcome>> outcomes = chain.apply(group);
            for (int i = 0; i < group.size(); i++) {
                result = result.plus(classify(group.get(i), outcomes.get(i)));
            }
        }
        return result;
    }

    private static Result classify(ApiKeyState key, Optional<CommandOutcome> outcome) {
        if (outcome.isEmpty()) {
            return new Result(0, 0, 1, 0);
        }
        OutcomeStatus status = outcome.get().getStatus();
        if (status == OutcomeStatus.CHAINED) {
            return new Result(1, 0, 0, 0);
        }
        if (status == OutcomeStatus.DUPLICATE || RefusalCode.KEY_NOT_ACTIVE.is(outcome.get().getReason())) {
            return new Result(0, 1, 0, 0);
        }
        LOG.warn("The expiry of key {} of tenant {} was refused ({}); it is tried again at the next sweep",
                key.getKeyId(), key.getTenantId(), outcome.get().getReason());
        return new Result(0, 0, 0, 1);
    }

    private void sweepQuietly() {
        try {
            Result result = sweep();
            if (result.recorded() > 0 || result.failed() > 0) {
                LOG.info("Key expiry sweep: {} recorded, {} refused, {} pending", result.recorded(), result.failed(),
                        result.pending());
            }
        } catch (RuntimeException e) {
            LOG.warn("Key expiry sweep failed; retrying in {}: {}", interval, e.getMessage());
        }
    }
}
