package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids, versions and configuration live in {@code _schemas}: a new registry on a restarted
 * broker answers exactly as the old one did, and continues numbering where it stopped.
 */
class BuiltInSchemaRegistryRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepIdsVersionsAndConfigurationAcrossARestartOfRegistryAndBroker() {
        try (TestKafka ownKafka = TestKafka.start(dataDir)) {
            int v1;
            int v2;
            int order;
            try (BuiltInSchemaRegistry first = BuiltInSchemaRegistry.start(ownKafka.bootstrapServers(), "localhost", 0, (short) 1)) {
                RegistryHttp before = new RegistryHttp(first.url());
                v1 = before.post("/subjects/users-value/versions", schemaBody("user-v1.avsc")).json().path("id").asInt();
                v2 = before.post("/subjects/users-value/versions", schemaBody("user-v2-email-with-default.avsc"))
                        .json().path("id").asInt();
                order = before.post("/subjects/orders-value/versions", schemaBody("order-v1.avsc")).json().path("id").asInt();
                assertThat(before.put("/config", level("FULL")).status()).isEqualTo(200);
                assertThat(before.put("/config/orders-value", level("NONE")).status()).isEqualTo(200);
            }
            assertThat(List.of(v1, v2, order)).containsExactly(1, 2, 3);

            ownKafka.restart();

            try (BuiltInSchemaRegistry second = BuiltInSchemaRegistry.start(ownKafka.bootstrapServers(), "localhost", 0, (short) 1)) {
                RegistryHttp after = new RegistryHttp(second.url());
                assertThat(after.get("/subjects").body()).isEqualTo("[\"orders-value\",\"users-value\"]");
                assertThat(after.get("/subjects/users-value/versions").body()).isEqualTo("[1,2]");
                assertThat(after.get("/subjects/users-value/versions/2").json().path("id").asInt()).isEqualTo(v2);
                assertThat(after.get("/schemas/ids/" + order).json().path("schema").asText()).isEqualTo(avro("order-v1.avsc").toString());
                assertThat(after.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
                assertThat(after.get("/config/orders-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
                assertThat(after.post("/subjects/users-value/versions", schemaBody("user-v1-reformatted.avsc")).body()).isEqualTo("{\"id\":1}");
                // FULL survived the restart: dropping a field without default is not forward compatible
                assertThat(after.post("/subjects/users-value/versions", schemaBody("user-without-name.avsc")).status()).isEqualTo(409);
                assertThat(after.post("/subjects/people-value/versions", schemaBody("user-without-name.avsc")).body()).isEqualTo("{\"id\":4}");
                assertThat(after.get("/subjects/users-value/versions").body()).isEqualTo("[1,2]");
            }
        }
    }

    private static byte[] level(String name) {
        return ("{\"compatibility\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
