package io.veridict.dev.testing;

import io.veridict.dev.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of real brokers in this JVM, each node both broker and controller, with the
 * settings of a production cluster: replication factor 3 and {@code min.insync.replicas} 2 for
 * every topic, the consumer offsets and the transaction log included. Nodes stop without a
 * controlled shutdown, as a lost broker would.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();

    private KafkaCluster() {
    }

    /** Starts {@code size} nodes in parallel (a node waits for a majority of the controllers). */
    public static KafkaCluster start(Path dataDir, int size) {
        KafkaCluster cluster = new KafkaCluster();
        String clusterId = Uuid.randomUuid().toString();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            cluster.brokerPorts.add(EmbeddedKafkaBroker.freePort());
            controllerPorts.add(EmbeddedKafkaBroker.freePort());
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i)).collect(Collectors.joining(","));
        String replicas = Integer.toString(Math.min(3, size));
        String minIsr = Integer.toString(Math.max(1, Math.min(3, size) - 1));
        Map<String, String> settings = Map.of(
                "default.replication.factor", replicas, "min.insync.replicas", minIsr,
                "offsets.topic.replication.factor", replicas, "transaction.state.log.replication.factor", replicas,
                "transaction.state.log.min.isr", minIsr, "share.coordinator.state.topic.replication.factor", replicas,
                "share.coordinator.state.topic.min.isr", minIsr,
                // A node stops as a lost broker would, without asking the controller first: the
                // last node of a cluster has no quorum to ask and would wait minutes.
                "controlled.shutdown.enable", "false");
        List<CompletableFuture<EmbeddedKafkaBroker>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int node = i;
            starting.add(CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.startNode(dataDir.resolve("node-" + (node + 1)),
                    node + 1, clusterId, cluster.brokerPorts.get(node), controllerPorts.get(node), voters, settings)));
        }
        try {
            for (CompletableFuture<EmbeddedKafkaBroker> node : starting) {
                cluster.nodes.add(node.get(120, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("the cluster did not start", e);
        }
        return cluster;
    }

    /** Every node's client address. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** Stops node {@code index} (0-based) as a broker failure would take it away. */
    public void stop(int index) {
        EmbeddedKafkaBroker node = nodes.set(index, null);
        if (node != null) {
            node.close();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < nodes.size(); i++) {
            stop(i);
        }
    }
}
