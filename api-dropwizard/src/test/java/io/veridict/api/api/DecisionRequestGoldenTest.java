package io.veridict.api.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.core.ApiLimitsFactory;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorBody;
import io.veridict.api.json.StrictJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden request fixtures in {@code src/test/resources/requests/}: every {@code valid-*.json}
 * must give the Avro record of its {@code .expected.json}; every
 * {@code invalid-*.json} must be refused with exactly the error of its {@code .expected.json}
 * (code, message, details; the correlation id is left out).
 */
class DecisionRequestGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrictJsonReader READER = new ApiLimitsFactory().build();

    static Stream<String> validFixtures() {
        return fixtures("valid-");
    }

    static Stream<String> invalidFixtures() {
        return fixtures("invalid-");
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void shouldTurnAValidFixtureIntoItsExpectedRecord(String name) throws IOException {
        DecisionRequest request = DecisionRequest.fromJson(read(name));

        ObjectNode actual = JSON.createObjectNode();
        actual.set("record", JSON.readTree(request.toAvro().toString()));
        assertThat(actual).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @MethodSource("invalidFixtures")
    void shouldRefuseAnInvalidFixtureWithItsExpectedError(String name) throws IOException {
        ObjectNode body = read(name);

        ApiException e = catchThrowableOfType(ApiException.class, () -> DecisionRequest.fromJson(body));

        assertThat(e).as("%s must be refused", name).isNotNull();
        ObjectNode actual = JSON.valueToTree(ErrorBody.of(e, null));
        actual.remove("correlation_id");
        assertThat(e.status()).isEqualTo(422);
        assertThat(actual).isEqualTo(expected(name));
    }

    private static ObjectNode read(String name) throws IOException {
        try (InputStream in = Files.newInputStream(directory().resolve(name))) {
            return READER.read(in, "application/json", -1);
        }
    }

    private static JsonNode expected(String name) throws IOException {
        Path file = directory().resolve(name.replace(".json", ".expected.json"));
        return JSON.readTree(Files.readString(file));
    }

    private static Stream<String> fixtures(String prefix) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".json") && !n.endsWith(".expected.json"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        URL url = DecisionRequestGoldenTest.class.getResource("/requests");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
