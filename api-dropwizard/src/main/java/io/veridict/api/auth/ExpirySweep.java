package io.veridict.api.auth;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.KeyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains an {@code EXPIRED} key operation for every active key past its {@code expires_at}.
 * Authentication refuses such a key from the instant it expires; the sweep only records it in
 * the ledger. Every instance sweeps; the idempotency key {@code key-expired/<key id>} makes the
 * ledger record each expiry once.
 */
public final class ExpirySweep implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);
    private final AccessView view;
    private final AccessAdmin admin;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ExpirySweep(AccessView view, AccessAdmin admin, Duration interval, Clock clock) {
        this.view = view;
        this.admin = admin;
        this.interval = interval;
        this.clock = clock;
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
    public int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        for (ApiKeyState key : view.allKeys()) {
            if (key.getStatus() == KeyStatus.ACTIVE && key.getExpiresAt() != null && !key.getExpiresAt().isAfter(now)) {
                admin.expireKey(key, Principal.SYSTEM);
                expired++;
            }
        }
        return expired;
    }

    private void sweepQuietly() {
        try {
            int expired = sweep();
            if (expired > 0) {
                LOG.info("Recorded the expiry of {} key(s)", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("Key expiry sweep failed; retrying in {}: {}", interval, e.getMessage());
        }
    }
}
