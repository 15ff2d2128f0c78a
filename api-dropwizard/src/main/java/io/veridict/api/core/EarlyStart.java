package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts managed objects, in order, on a thread of its own as soon as {@link #begin} is called,
 * while the service goes on building the rest of itself (Jersey, resources, servlets). The ledger's
 * start (topics, schemas, the outcome listener, Kafka Streams joining its group and rebuilding its
 * stores) thus overlaps the HTTP side's, which is most of a restart on a small machine.
 *
 * <p>Registered with the lifecycle in place of the objects it starts: its {@link #start} waits
 * until every object started and fails as the first of them failed, so the service still does
 * not come up without its ledger. {@link #stop} stops what started, in reverse order.
 */
public final class EarlyStart implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStart.class);

    private final List<Managed> steps;
    private final List<Managed> started = new ArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Thread thread;

    public EarlyStart(List<Managed> steps) {
        this.steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /** Starts the objects on a thread of their own; at most once. */
    public synchronized void begin() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::startAll, "veridict-early-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void startAll() {
        try {
            for (Managed step : steps) {
                step.start();
                started.add(step);
            }
            done.complete(null);
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    /** Waits until every object started; throws what the first failure threw. */
    @Override
    public void start() throws Exception {
        begin();
        try {
            done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** Waits for the starting thread, then stops what it started, last first. */
    @Override
    public void stop() throws Exception {
        synchronized (this) {
            if (thread == null) {
                return;
            }
        }
        try {
            done.join();
        } catch (RuntimeException e) {
            // a failed start: stop what did start
        }
        // Written by the starting thread only, and read once it has finished (done happens-before).
        List<Managed> toStop = new ArrayList<>(started);
        started.clear();
        Exception first = null;
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                toStop.get(i).stop();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", toStop.get(i).getClass().getSimpleName(), e);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
