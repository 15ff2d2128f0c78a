package io.veridict.api.core;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.LedgerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records commands and waits for the chain to answer them.
 *
 * <p>A command is durable once the broker acknowledged it; it is chained when its outcome
 * appears on the receipts topic (the chain step committed). {@link #record} returns after
 * the acknowledgement and at most {@code wait} more for the outcomes; an outcome that did
 * not arrive in time is empty, and the command will still be chained exactly once.
 */
public final class DecisionRecorder {

    private final CommandPublisher publisher;
    private final OutcomeListener outcomes;
    private final Duration wait;

    public DecisionRecorder(CommandPublisher publisher, OutcomeListener outcomes, Duration wait) {
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.wait = wait;
    }

    /**
     * Publishes {@code commands} in order and waits for their outcomes.
     *
     * @return one outcome per command, in order; empty where the chain has not answered in time
     * @throws LedgerUnavailableException when the broker did not acknowledge every command
     */
    public List<Optional<CommandOutcome>> record(List<LedgerCommand> commands) {
        List<CompletableFuture<CommandOutcome>> answers = commands.stream()
                .map(c -> outcomes.expect(c.getCommandId())).toList();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            publisher.publish(commands).get(Math.max(wait.toMillis(), 10_000), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            commands.forEach(c -> outcomes.forget(c.getCommandId()));
            throw new LedgerUnavailableException("the commands topic did not acknowledge the request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while publishing", e);
        }
        awaitAll(answers, deadline);
        List<Optional<CommandOutcome>> result = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            CompletableFuture<CommandOutcome> answer = answers.get(i);
            if (answer.isDone()) {
                result.add(Optional.of(answer.join()));
            } else {
                outcomes.forget(commands.get(i).getCommandId());
                result.add(Optional.empty());
            }
        }
        return result;
    }

    private static void awaitAll(List<CompletableFuture<CommandOutcome>> answers, long deadlineNanos) {
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
