package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.streams.IdempotencyKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single decisions: the decisions of one tenant that arrive within
 * {@code linger} of the first are published as one command (a plain {@link DecisionGroup}: each
 * item chains or is refused on its own, under its own idempotency key), so they travel as one
 * Kafka record and are chained as one run. A group is sent when its linger ends or when it holds
 * {@code maxItems}; a group of one is sent as the single command it is. A linger of zero sends
 * every decision at once, alone.
 */
public final class DecisionGrouper implements Managed {

    private final CommandPublisher publisher;
    private final Duration linger;
    private final int maxItems;
    private final Map<String, Pending> open = new HashMap<>();
    private ScheduledExecutorService timer;

    public DecisionGrouper(CommandPublisher publisher, Duration linger, int maxItems) {
        this.publisher = publisher;
        this.linger = linger;
        this.maxItems = maxItems;
    }

    /**
     * Adds a single decision command to its tenant's open group.
     *
     * @return completes when the broker has acknowledged the command that carries it
     */
    public CompletableFuture<Void> submit(LedgerCommand decision) {
        if (linger.isZero()) {
            return publisher.publish(List.of(decision));
        }
        Pending full = null;
        Pending pending;
        synchronized (open) {
            pending = open.get(decision.getTenantId());
            if (pending == null) {
                Pending created = new Pending(decision.getTenantId());
                pending = created;
                open.put(created.tenant, created);
                timer.schedule(() -> flush(created), linger.toNanos(), TimeUnit.NANOSECONDS);
            }
            pending.items.add(decision);
            if (pending.items.size() >= maxItems) {
                open.remove(pending.tenant);
                full = pending;
            }
        }
        if (full != null) {
            send(full);
        }
        return pending.acknowledged;
    }

    private void flush(Pending pending) {
        synchronized (open) {
            if (open.get(pending.tenant) != pending) {
                return; // already sent full
            }
            open.remove(pending.tenant);
        }
        send(pending);
    }

    private void send(Pending pending) {
        LedgerCommand command = pending.items.size() == 1 ? pending.items.get(0) : group(pending.tenant, pending.items);
        publisher.publish(List.of(command)).whenComplete((done, error) -> {
            if (error != null) {
                pending.acknowledged.completeExceptionally(error);
            } else {
                pending.acknowledged.complete(null);
            }
        });
    }

    /** A group command of single decision commands: each keeps its id, key, correlation id, actor and time. */
    static LedgerCommand group(String tenant, List<LedgerCommand> decisions) {
        return group(tenant, decisions, false, IdempotencyKeys.group(), decisions.get(0).getCorrelationId());
    }

    /** The command of a {@link DecisionGroup} of {@code decisions}, all of {@code tenant}. */
    static LedgerCommand group(String tenant, List<LedgerCommand> decisions, boolean atomic, String idempotencyKey,
                               String correlationId) {
        List<GroupItem> items = new ArrayList<>(decisions.size());
        for (LedgerCommand decision : decisions) {
            items.add(GroupItem.newBuilder().setCommandId(decision.getCommandId())
                    .setIdempotencyKey(decision.getIdempotencyKey()).setCorrelationId(decision.getCorrelationId())
                    .setActor(decision.getActor()).setReceivedAt(decision.getReceivedAt())
                    .setDecision((RecordDecision) decision.getBody()).build());
        }
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(idempotencyKey)
                .setCorrelationId(correlationId)
                .setActor(decisions.get(0).getActor())
                .setReceivedAt(Instant.ofEpochMilli(decisions.get(0).getReceivedAt().toEpochMilli()))
                .setBody(new DecisionGroup(atomic, items))
                .build();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "decision-grouper");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        List<Pending> left;
        synchronized (open) {
            left = new ArrayList<>(open.values());
            open.clear();
        }
        left.forEach(this::send);
        if (timer != null) {
            timer.shutdown();
        }
    }

    /** The open group of one tenant. */
    private static final class Pending {
        final String tenant;
        final List<LedgerCommand> items = new ArrayList<>();
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();

        Pending(String tenant) {
            this.tenant = tenant;
        }
    }
}
