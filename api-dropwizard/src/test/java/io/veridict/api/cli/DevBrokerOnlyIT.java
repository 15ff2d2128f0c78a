package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.auth.TokenFormat;
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
 * {@code veridict dev --broker-only}: Kafka and the registry alone, and the environment it prints
 * runs {@code veridict server} against them, which can be killed and started again on its own.
 */
class DevBrokerOnlyIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void shouldServeOnlyTheBrokerAndLetAServiceStartDieAndStartAgainAgainstIt() throws Exception {
        try (VeridictProcess broker = VeridictProcess.brokerOnly(tmp.resolve("data"))
                .startUntil("Veridict dev broker is up", Duration.ofSeconds(120))) {
            String output = broker.output();
            assertThat(output).doesNotContain("Veridict dev stack is up").contains("./veridict server config/veridict.yml");
            Map<String, String> env = broker.printedEnvironment();
            assertThat(env).containsKeys("VERIDICT_KAFKA_BOOTSTRAP", "VERIDICT_REGISTRY_URL", "VERIDICT_KEY_PEPPER_FILE",
                    "VERIDICT_KEKS_FILE", "VERIDICT_OPERATOR_TOKEN_SHA256", "VERIDICT_OPERATOR_TOKEN", "VERIDICT_MIN_ISR");
            String operator = env.remove("VERIDICT_OPERATOR_TOKEN");
            assertThat(operator).startsWith(TokenFormat.OPERATOR_PREFIX);

            VeridictProcess first = VeridictProcess.server(CONFIG, env, tmp.resolve("service-1.log")).start(Duration.ofSeconds(120));
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + first.apiPort + "/v1/tenants"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"acme\",\"display_name\":\"Acme\"}"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            first.kill();

            try (VeridictProcess second = VeridictProcess.server(CONFIG, env, tmp.resolve("service-2.log"))
                    .start(Duration.ofSeconds(180))) {
                HttpResponse<String> tenant = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + second.apiPort + "/v1/tenants/acme"))
                        .header("Authorization", "Bearer " + operator).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
                assertThat(broker.output()).doesNotContain("Exception");
            }
        }
    }
}
