package io.veridict.streams.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics from their {@link TopicSpec}s, idempotently, and reports how existing
 * topics differ from what Veridict expects.
 *
 * <p>An existing topic is never altered: a mismatch (say, a payloads topic that is not
 * compacted, or too few partitions) is returned and logged so that an operator decides.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    private static final long RETRY_BACKOFF_MS = 100;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates every missing topic, then compares every topic with its spec.
     *
     * @return the mismatches found (empty when every topic is as specified)
     * @throws TopicProvisioningException when the cluster cannot be reached or refuses a creation
     */
    public List<TopicMismatch> ensure(Collection<TopicSpec> specs) {
        createMissing(specs);
        List<TopicMismatch> mismatches = compare(specs);
        mismatches.forEach(m -> LOG.warn("Topic configuration mismatch: {}", m));
        return mismatches;
    }

    /** Compares existing topics with their specs without creating anything. */
    public List<TopicMismatch> compare(Collection<TopicSpec> specs) {
        Set<String> names = specs.stream().map(TopicSpec::name).collect(Collectors.toSet());
        // Right after creation the broker may not host a new topic yet: that is retriable.
        Map<String, TopicDescription> descriptions = awaitRetrying(() -> admin.describeTopics(names).allTopicNames(),
                "describe topics " + names);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = awaitRetrying(() -> admin.describeConfigs(resources).all(),
                "describe topic configs " + names);

        List<TopicMismatch> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                mismatches.add(new TopicMismatch(spec.name(), "partitions", Integer.toString(spec.partitions()), Integer.toString(partitions)));
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas != spec.replicationFactor()) {
                mismatches.add(new TopicMismatch(spec.name(), "replication.factor", Short.toString(spec.replicationFactor()), Integer.toString(replicas)));
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!expected.equals(value)) {
                    mismatches.add(new TopicMismatch(spec.name(), key, expected, String.valueOf(value)));
                }
            });
        }
        return mismatches;
    }

    private void createMissing(Collection<TopicSpec> specs) {
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList());
        for (TopicSpec spec : missing) {
            try {
                result.values().get(spec.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} ({} partitions, replication factor {}, {})",
                        spec.name(), spec.partitions(), spec.replicationFactor(), spec.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicProvisioningException("cannot create topic " + spec.name(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new TopicProvisioningException("timed out after " + timeout + " creating topic " + spec.name(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("interrupted creating topic " + spec.name(), e);
            }
        }
    }

    private <T> T awaitRetrying(java.util.function.Supplier<KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(call.get(), what);
            } catch (TopicProvisioningException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("Retrying to {}: {}", what, e.getCause().getMessage());
            }
            try {
                Thread.sleep(RETRY_BACKOFF_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("interrupted trying to " + what, e);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("cannot " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("timed out after " + timeout + " trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted trying to " + what, e);
        }
    }
}
