package io.veridict.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.testing.ScriptedRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Error mapping, retries and timeouts of the registry client. */
class SchemaRegistryClientFailureTest {

    private static final Schema SCHEMA = EntryKey.getClassSchema();
    private static final String VERSIONS = "/subjects/s-value/versions";
    private static final String UNAVAILABLE =
            "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}";

    private final ScriptedRegistry registry = ScriptedRegistry.start();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaRegistryClient client(int maxRetries) {
        return new SchemaRegistryClient(settings(List.of(registry.url()), maxRetries));
    }

    /** A client that gives up on an answer after 200 ms. */
    private SchemaRegistryClient impatientClient(int maxRetries) {
        return new SchemaRegistryClient(settings(List.of(registry.url()), maxRetries)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)));
    }

    private static SchemaRegistrySettings settings(List<URI> urls, int maxRetries) {
        return SchemaRegistrySettings.forUrls(urls)
                .withRetries(maxRetries, Duration.ofMillis(1), Duration.ofMillis(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {40401, 40403})
    void shouldAnswerEmptyWhenLookupFindsNoSubjectOrNoSchema(int errorCode) {
        registry.script("POST", "/subjects/s-value", 404,
                "{\"error_code\":" + errorCode + ",\"message\":\"not found\"}");

        assertThat(client(3).lookupId("s-value", SCHEMA)).isEmpty();
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldTellAnUnknownSchemaIdFromAnUnknownSubject() {
        registry.script("GET", "/subjects/s-value/versions/latest", 404,
                "{\"error_code\":40401,\"message\":\"Subject 's-value' not found.\"}");

        SchemaRegistryException unknownId = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(3).schemaById(99));
        SchemaRegistryException unknownSubject = catchThrowableOfType(
                SchemaRegistryException.class, () -> client(3).latest("s-value"));

        assertThat(unknownId.isSchemaNotFound()).isTrue();
        assertThat(unknownId.isSubjectNotFound()).isFalse();
        assertThat(unknownId.httpStatus()).isEqualTo(404);
        assertThat(unknownId.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(unknownSubject.isSubjectNotFound()).isTrue();
        assertThat(unknownSubject.getMessage())
                .contains("GET http", "/subjects/s-value/versions/latest", "not found.");
    }

    @Test
    void shouldReportAnIncompatibleSchemaAs409WithoutRetrying() {
        registry.script("POST", VERSIONS, 409, "{\"error_code\":409,\"message\":\"Schema being"
                + " registered is incompatible with an earlier schema\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(3).register("s-value", SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).contains("incompatible with an earlier schema");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldReportAnInvalidSchemaAs42201WithoutRetrying() {
        registry.script("POST", VERSIONS, 422,
                "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(3).register("s-value", SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
        assertThat(e.isRetriable()).isFalse();
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldRetryServiceUnavailableUntilTheRegistryAnswers() {
        registry.script("POST", VERSIONS, 503, UNAVAILABLE)
                .script("POST", VERSIONS, 500, "<html>proxy error</html>")
                .script("POST", VERSIONS, 200, "{\"id\":5}");

        assertThat(client(3).register("s-value", SCHEMA)).isEqualTo(5);
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterMaxRetriesWithARetriableException() {
        for (int i = 0; i < 3; i++) {
            registry.script("GET", "/config", 503, UNAVAILABLE);
        }

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(2).globalCompatibility());

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50003);
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void shouldReportATimeoutAsRetriable() {
        registry.hang("GET", "/config");
        SchemaRegistryClient impatient = impatientClient(0);

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                impatient::globalCompatibility);

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_HTTP_STATUS);
        assertThat(e).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void shouldRetryATimeoutAndThenSucceed() {
        registry.hang("GET", "/config")
                .script("GET", "/config", 200, "{\"compatibilityLevel\":\"NONE\"}");
        SchemaRegistryClient impatient = impatientClient(1);

        assertThat(impatient.globalCompatibility()).isEqualTo("NONE");
    }

    @Test
    void shouldMoveToTheNextUrlWhenARegistryRefusesConnections() throws IOException {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        registry.script("GET", "/subjects", 200, "[\"x-value\"]");
        SchemaRegistryClient client =
                new SchemaRegistryClient(settings(List.of(dead, registry.url()), 1));

        assertThat(client.subjects()).containsExactly("x-value");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldNeverPutCredentialsIntoMessages() {
        registry.script("GET", "/config", 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        SchemaRegistrySettings settings = settings(List.of(registry.url()), 3)
                .withBasicAuth("ci:s3cr3t");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> new SchemaRegistryClient(settings).globalCompatibility());

        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("s3cr3t");
        assertThat(settings.toString()).doesNotContain("s3cr3t").contains("[hidden]");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotAnAvroSchema() {
        registry.script("GET", "/schemas/ids/3", 200,
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}")
                .script("GET", "/schemas/ids/4", 200, "{\"schema\":\"{not avro\"}");

        SchemaRegistryException protobuf = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(3).schemaById(3));
        SchemaRegistryException garbage = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(3).schemaById(4));

        assertThat(protobuf.getMessage()).contains("PROTOBUF");
        assertThat(garbage.isRetriable()).isFalse();
        assertThat(garbage.getMessage()).contains("GET /schemas/ids/4");
    }

    @Test
    void shouldDoubleTheBackoffUpToTheCap() {
        Duration initial = Duration.ofMillis(100);
        Duration max = Duration.ofMillis(1000);

        assertThat(RegistryHttp.backoff(initial, max, 0)).isBetween(
                Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(RegistryHttp.backoff(initial, max, 2)).isBetween(
                Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(RegistryHttp.backoff(initial, max, 40)).isBetween(
                Duration.ofMillis(500), Duration.ofMillis(1000));
    }
}
