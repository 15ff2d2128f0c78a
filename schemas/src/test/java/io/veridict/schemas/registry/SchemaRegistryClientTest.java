package io.veridict.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.testing.ScriptedRegistry;
import io.veridict.schemas.testing.ScriptedRegistry.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests, answers and caches of the registry client against a scripted registry. */
class SchemaRegistryClientTest {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Schema SCHEMA = EntryKey.getClassSchema();

    private final ScriptedRegistry registry = ScriptedRegistry.start();
    private final SchemaRegistryClient client =
            new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterBySendingTheSchemaJsonWithTheRegistryMediaType() throws Exception {
        registry.script("POST", "/subjects/veridict.entries-key/versions", 200, "{\"id\":7}");

        int id = client.register("veridict.entries-key", SCHEMA);

        assertThat(id).isEqualTo(7);
        Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/subjects/veridict.entries-key/versions");
        assertThat(request.header("Content-Type")).isEqualTo(MEDIA_TYPE);
        assertThat(request.header("Accept")).isEqualTo(MEDIA_TYPE);
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
    }

    @Test
    void shouldPercentEncodeSubjectsAsOnePathSegment() {
        registry.script("POST", "/subjects/a%20b%2Fc%3F%C3%A9/versions", 200, "{\"id\":1}");

        assertThat(client.register("a b/c?é", SCHEMA)).isEqualTo(1);
        assertThat(registry.requests()).extracting(Request::rawPath)
                .containsExactly("/subjects/a%20b%2Fc%3F%C3%A9/versions");
    }

    @Test
    void shouldSendBasicAuthFromTheUserInfo() {
        SchemaRegistryClient authenticated = new SchemaRegistryClient(SchemaRegistrySettings
                .forUrl(registry.url().toString()).withBasicAuth("ci:s3cr3t"));
        registry.script("GET", "/config", 200, "{\"compatibilityLevel\":\"FULL\"}");

        authenticated.globalCompatibility();

        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("ci:s3cr3t".getBytes(StandardCharsets.UTF_8));
        assertThat(registry.requests().get(0).header("Authorization")).isEqualTo(expected);
    }

    @Test
    void shouldLookUpTheIdOfARegisteredSchemaWithoutRegistering() {
        int id = registry.store("veridict.payloads-value", PayloadEnvelope.getClassSchema());

        assertThat(client.lookupId("veridict.payloads-value", PayloadEnvelope.getClassSchema()))
                .contains(id);
        assertThat(registry.requests()).extracting(Request::method, Request::rawPath)
                .containsExactly(tuple("POST", "/subjects/veridict.payloads-value"));
    }

    @Test
    void shouldFetchASchemaByIdOnlyOnceBecauseIdsAreImmutable() {
        int id = registry.store("veridict.entries-key", SCHEMA);

        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);

        assertThat(registry.requests("GET", "/schemas/ids/" + id)).hasSize(1);
    }

    @Test
    void shouldRegisterOnceAndKnowTheSchemaOfTheIdItGot() {
        int first = client.register("veridict.entries-key", SCHEMA);
        int second = client.register("veridict.entries-key", SCHEMA);

        assertThat(second).isEqualTo(first);
        assertThat(client.schemaById(first)).isEqualTo(SCHEMA);
        assertThat(client.lookupId("veridict.entries-key", SCHEMA)).contains(first);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldListSubjectsAndVersions() {
        registry.script("GET", "/subjects", 200, "[\"a-value\",\"b-key\"]")
                .script("GET", "/subjects/a-value/versions", 200, "[1,2,5]");

        assertThat(client.subjects()).containsExactly("a-value", "b-key");
        assertThat(client.versions("a-value")).containsExactly(1, 2, 5);
    }

    @Test
    void shouldReadTheLatestVersionOfASubject() {
        String answer = new ObjectMapper().createObjectNode().put("subject", "k-key")
                .put("id", 42).put("version", 3).put("schema", SCHEMA.toString()).toString();
        registry.script("GET", "/subjects/k-key/versions/latest", 200, answer);

        assertThat(client.latest("k-key")).isEqualTo(new SchemaVersion("k-key", 42, 3, SCHEMA));
        assertThat(client.schemaById(42)).isEqualTo(SCHEMA);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldAskForCompatibilityAgainstTheLatestVersion() {
        registry.script("POST", "/compatibility/subjects/k-key/versions/latest", 200,
                        "{\"is_compatible\":false}")
                .script("POST", "/compatibility/subjects/k-key/versions/latest", 200,
                        "{\"is_compatible\":true}");

        assertThat(client.isCompatible("k-key", SCHEMA)).isFalse();
        assertThat(client.isCompatible("k-key", SCHEMA)).isTrue();
        assertThat(registry.requests().get(0).body()).contains("\"schema\"");
    }

    @Test
    void shouldTreatASubjectWithoutVersionsAsCompatibleWithAnything() {
        registry.script("POST", "/compatibility/subjects/new-value/versions/latest", 404,
                "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");

        assertThat(client.isCompatible("new-value", SCHEMA)).isTrue();
    }

    @Test
    void shouldReadTheGlobalCompatibilityLevel() {
        registry.script("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(client.globalCompatibility()).isEqualTo("BACKWARD");
        assertThat(registry.requests().get(0).header("Accept")).isEqualTo(MEDIA_TYPE);
    }

    @Test
    void shouldKeepThePathPrefixOfTheBaseUrl() {
        SchemaRegistryClient prefixed = new SchemaRegistryClient(SchemaRegistrySettings
                .forUrls(List.of(registry.url().resolve("/apis/ccompat/v7/"))));
        registry.script("GET", "/apis/ccompat/v7/subjects", 200, "[]");

        assertThat(prefixed.subjects()).isEmpty();
    }
}
