package io.veridict.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health answers of a service whose broker dies or freezes: every probe answers within 2 s,
 * the Kafka check turns red within seconds, {@code /ready} says 503 and {@code /live} stays 200.
 */
class HealthProbesIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void shouldAnswerEveryProbeWithinTwoSecondsAndTurnRedWhenTheBrokerDies() throws Exception {
        TestKafka kafka = TestKafka.start(tmp.resolve("kafka"));
        try (BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1)) {
            Map<String, String> env = Map.ofEntries(
                    Map.entry("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                    Map.entry("VERIDICT_REGISTRY_URL", registry.url().toString()),
                    Map.entry("VERIDICT_BIND_HOST", "127.0.0.1"),
                    Map.entry("VERIDICT_STATE_DIR", tmp.resolve("state").toString()),
                    Map.entry("VERIDICT_PARTITIONS", "1"),
                    Map.entry("VERIDICT_REPLICATION_FACTOR", "1"),
                    Map.entry("VERIDICT_MIN_ISR", "1"),
                    Map.entry("VERIDICT_STANDBY_REPLICAS", "0"),
                    Map.entry("VERIDICT_KEY_PEPPER", "aGVhbHRoLXByb2Jlcy1pdC1wZXBwZXItMzItYnl0ZXMtbG9uZw=="),
                    Map.entry("VERIDICT_KEKS", io.veridict.streams.crypto.LocalKms.generate("health-kek")),
                    Map.entry("VERIDICT_REQUIRE_HTTPS", "false"));
            try (VeridictProcess server = VeridictProcess.server(CONFIG, env, tmp.resolve("server.log")).start(Duration.ofSeconds(120))) {
                URI admin = server.healthUrl().resolve("/");
                assertThat(probe(admin.resolve("/ready")).statusCode()).isEqualTo(200);
                assertThat(probe(admin.resolve("/live")).statusCode()).isEqualTo(200);

                long stopped = System.nanoTime();
                kafka.close();

                HttpResponse<String> health = awaitKafkaRed(server);
                System.out.printf("kafka check red %.1f s after the broker stopped%n", (System.nanoTime() - stopped) / 1e9);
                assertThat(health.statusCode()).isEqualTo(500);
                HttpResponse<String> ready = probe(admin.resolve("/ready"));
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("\"kafka\"");
                assertThat(probe(admin.resolve("/live")).statusCode()).as("a dead broker is no reason to restart").isEqualTo(200);
                long dead = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < dead) {
                    probe(server.healthUrl()); // still within the limit while the broker stays dead
                }
            }
        } finally {
            kafka.close();
        }
    }

    /**
     * A frozen broker ({@code SIGSTOP}: its sockets stay open, nothing answers) turns the Kafka
     * check red as a dead one does, every probe still answering within 2 s; thawed, it is green
     * again.
     */
    @Test
    void shouldTurnRedWhenTheBrokerFreezesAndGreenWhenItThaws() throws Exception {
        try (VeridictProcess broker = VeridictProcess.brokerOnly(tmp.resolve("data"))
                .startUntil("Veridict dev broker is up", Duration.ofSeconds(120))) {
            Map<String, String> env = broker.printedEnvironment();
            env.remove("VERIDICT_OPERATOR_TOKEN");
            try (VeridictProcess server = VeridictProcess.server(CONFIG, env, tmp.resolve("server.log")).start(Duration.ofSeconds(120))) {
                URI admin = server.healthUrl().resolve("/");
                assertThat(probe(admin.resolve("/ready")).statusCode()).isEqualTo(200);

                long frozen = System.nanoTime();
                broker.freeze();
                try {
                    awaitKafkaRed(server);
                    System.out.printf("kafka check red %.1f s after the broker froze%n", (System.nanoTime() - frozen) / 1e9);
                    assertThat(probe(admin.resolve("/ready")).statusCode()).isEqualTo(503);
                    assertThat(probe(admin.resolve("/live")).statusCode()).isEqualTo(200);
                } finally {
                    broker.thaw();
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                HttpResponse<String> ready;
                do {
                    ready = probe(admin.resolve("/ready"));
                } while (ready.statusCode() != 200 && System.nanoTime() < deadline);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            }
        }
    }

    /** Probes {@code /healthcheck} (each answer within the limit) until the Kafka check is red, for at most 30 s. */
    private static HttpResponse<String> awaitKafkaRed(VeridictProcess server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> health;
        do {
            health = probe(server.healthUrl());
        } while (!kafkaUnhealthy(health) && System.nanoTime() < deadline);
        assertThat(kafkaUnhealthy(health)).as(health.body()).isTrue();
        return health;
    }

    private static boolean kafkaUnhealthy(HttpResponse<String> health) {
        return health.body().replace(" ", "").contains("\"kafka\":{\"healthy\":false");
    }

    /** A GET that must be answered within {@link #PROBE_LIMIT}. */
    private static HttpResponse<String> probe(URI uri) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("%s answered in time", uri).isLessThan(PROBE_LIMIT);
        return response;
    }
}
