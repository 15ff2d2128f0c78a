package io.veridict.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Waits until freshly created topics have a leader for every partition. Producing to a topic
 * whose partitions are still being set up can fail the first batch of an idempotent producer
 * while later ones land, which then wedges it on an out-of-order sequence until its delivery
 * timeout: the benchmark writes only to topics that are ready.
 */
final class TopicReadiness {

    private static final long POLL_MS = 100;

    private TopicReadiness() {
    }

    /** @throws IllegalStateException when some partition has no leader after {@code timeout} */
    static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String missing = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                missing = described.values().stream()
                        .flatMap(d -> d.partitions().stream().filter(p -> p.leader() == null || p.leader().isEmpty())
                                .map(p -> d.name() + "-" + p.partition()))
                        .toList().toString();
                if (missing.equals("[]")) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                missing = e.getMessage();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        throw new IllegalStateException("topics " + topics + " not ready after " + timeout + ": " + missing);
    }
}
