package io.veridict.api.core;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.streams.chain.Receipts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Records commands and waits for the chain to answer them.
 *
 * <p>A command is durable once the broker acknowledged it; it is chained when its entry appears
 * on the entries topic (the chain step committed), or answered on the receipts topic when it
 * chains nothing ({@link OutcomeListener}). {@link #record} returns after
 * the acknowledgement and at most {@code wait} more for the outcomes; an outcome that did
 * not arrive in time is empty, and the command will still be chained exactly once.
 */
public final class DecisionRecorder {

    private final CommandPublisher publisher;
    private final DecisionGrouper grouper;
    private final OutcomeListener outcomes;
    private final Duration wait;

    public DecisionRecorder(CommandPublisher publisher, DecisionGrouper grouper, OutcomeListener outcomes, Duration wait) {
        this.publisher = publisher;
        this.grouper = grouper;
        this.outcomes = outcomes;
        this.wait = wait;
    }

    /**
     * Publishes {@code commands} in order, each as its own record, and waits for their outcomes.
     *
     * @return one outcome per command, in order; empty where the chain has not answered in time
     * @throws LedgerUnavailableException when the broker did not acknowledge every command
     */
    public List<Optional<CommandOutcome>> record(List<LedgerCommand> commands) {
        return await(commands, () -> publisher.publish(commands));
    }

    /**
     * Records one decision, travelling with the other decisions of its tenant that arrive within
     * the grouper's linger ({@link DecisionGrouper}); its outcome is its own.
     */
    public Optional<CommandOutcome> recordGrouped(LedgerCommand decision) {
        return await(List.of(decision), () -> grouper.submit(decision)).get(0);
    }

    /**
     * Records decisions of one tenant as one atomic group: every one is chained, or none is.
     *
     * @param idempotencyKey the group's own key (each decision keeps its own as well)
     */
    public List<Optional<CommandOutcome>> recordAtomically(String tenant, List<LedgerCommand> decisions, String idempotencyKey,
                                                           String correlationId) {
        LedgerCommand group = DecisionGrouper.group(tenant, decisions, true, idempotencyKey, correlationId);
        return await(decisions, () -> publisher.publish(List.of(group)));
    }

    /** Registers for the outcome of every item, sends, and waits for the acknowledgement and then the outcomes. */
    private List<Optional<CommandOutcome>> await(List<LedgerCommand> items, Supplier<CompletableFuture<Void>> send) {
        List<CompletableFuture<OutcomeListener.Settled>> answers = items.stream()
                .map(c -> outcomes.expect(c.getCommandId())).toList();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            send.get().get(Math.max(wait.toMillis(), 10_000), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            items.forEach(c -> outcomes.forget(c.getCommandId()));
            throw new LedgerUnavailableException("the commands topic did not acknowledge the request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while publishing", e);
        }
        awaitAll(answers, deadline);
        List<Optional<CommandOutcome>> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            CompletableFuture<OutcomeListener.Settled> answer = answers.get(i);
            if (answer.isDone()) {
                result.add(Optional.of(outcomeOf(items.get(i), answer.join())));
            } else {
                outcomes.forget(items.get(i).getCommandId());
                result.add(Optional.empty());
            }
        }
        return result;
    }

    /** The outcome of {@code command}: a chained one's receipt is made from its entry. */
    private static CommandOutcome outcomeOf(LedgerCommand command, OutcomeListener.Settled settled) {
        if (settled instanceof OutcomeListener.Settled.Chained chained) {
            String decisionId = command.getBody() instanceof RecordDecision decision
                    ? (decision.getDecisionId() != null ? decision.getDecisionId() : command.getCommandId()) : null;
            return Receipts.chained(chained.entry(), command.getCommandId(), command.getIdempotencyKey(), decisionId);
        }
        return ((OutcomeListener.Settled.Answered) settled).outcome();
    }

    private static void awaitAll(List<CompletableFuture<OutcomeListener.Settled>> answers, long deadlineNanos) {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillWaiting) {
            // the caller answers 202 for those not done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
