package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint table and the exact JSON it answers with, without HTTP. */
class RegistryRoutesTest {

    private static final byte[] NO_BODY = new byte[0];

    private final RegistryRoutes routes = new RegistryRoutes(new RegistryService(new RegistryState(), r -> { }));

    @Test
    void shouldAnswerRegistrationWithTheIdAndFetchesInConfluentShapes() {
        assertThat(call("POST", "/subjects/users-value/versions", schemaBody("user-v1.avsc"))).isEqualTo("{\"id\":1}");
        String schema = avro("user-v1.avsc").toString();
        String quoted = Fixtures.JSON.valueToTree(schema).toString();

        assertThat(call("GET", "/schemas/ids/1", NO_BODY)).isEqualTo("{\"schema\":" + quoted + "}");
        assertThat(call("GET", "/schemas/ids/1/versions", NO_BODY)).isEqualTo("[{\"subject\":\"users-value\",\"version\":1}]");
        assertThat(call("GET", "/subjects", NO_BODY)).isEqualTo("[\"users-value\"]");
        assertThat(call("GET", "/subjects/users-value/versions", NO_BODY)).isEqualTo("[1]");
        String version = "{\"subject\":\"users-value\",\"version\":1,\"id\":1,\"schema\":" + quoted + "}";
        assertThat(call("GET", "/subjects/users-value/versions/latest", NO_BODY)).isEqualTo(version);
        assertThat(call("GET", "/subjects/users-value/versions/-1", NO_BODY)).isEqualTo(version);
        assertThat(call("GET", "/subjects/users-value/versions/1", NO_BODY)).isEqualTo(version);
        assertThat(call("POST", "/subjects/users-value", schemaBody("user-v1-reformatted.avsc"))).isEqualTo(version);
        assertThat(call("GET", "/subjects/users-value/versions/1/schema", NO_BODY)).isEqualTo(schema);
    }

    @Test
    void shouldAnswerTheRootTypesAndConfigEndpoints() {
        assertThat(call("GET", "/", NO_BODY)).isEqualTo("{}");
        assertThat(call("GET", "/schemas/types", NO_BODY)).isEqualTo("[\"AVRO\"]");
        assertThat(call("GET", "/config", NO_BODY)).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(call("PUT", "/config", json("{\"compatibility\":\"full\"}"))).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(call("GET", "/config", NO_BODY)).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(call("PUT", "/config/users-value", json("{\"compatibility\":\"NONE\"}")))
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("GET", "/config/users-value", NO_BODY)).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(call("GET", "/config/orders-value?defaultToGlobal=true", NO_BODY))
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertError("GET", "/config/orders-value", NO_BODY, 404, 40408);
        assertError("PUT", "/config", json("{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError("PUT", "/config", json("{\"compatibilityLevel\":\"FULL\"}"), 422, 42203);
    }

    @Test
    void shouldAnswerCompatibilityChecksWithMessagesOnlyWhenVerbose() {
        call("POST", "/subjects/users-value/versions", schemaBody("user-v1.avsc"));

        assertThat(call("POST", "/compatibility/subjects/users-value/versions/latest",
                schemaBody("user-v2-email-with-default.avsc"))).isEqualTo("{\"is_compatible\":true}");
        assertThat(call("POST", "/compatibility/subjects/users-value/versions/latest?verbose=true",
                schemaBody("user-v2-email-with-default.avsc"))).isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
        assertThat(call("POST", "/compatibility/subjects/users-value/versions/1",
                schemaBody("user-v2-email-without-default.avsc"))).isEqualTo("{\"is_compatible\":false}");
        assertThat(call("POST", "/compatibility/subjects/users-value/versions?verbose=true",
                schemaBody("user-v2-email-without-default.avsc")))
                .startsWith("{\"is_compatible\":false,\"messages\":[\"{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'");
        assertThat(call("POST", "/compatibility/subjects/nobody/versions/latest", schemaBody("order-v1.avsc")))
                .isEqualTo("{\"is_compatible\":true}");
        assertError("POST", "/compatibility/subjects/users-value/versions/2", schemaBody("order-v1.avsc"), 404, 40402);
    }

    @Test
    void shouldRejectInvalidVersionsWith42202BeforeLookingUpTheSubject() {
        for (String version : List.of("abc", "0", "-2", "99999999999")) {
            assertError("GET", "/subjects/nobody/versions/" + version, NO_BODY, 422, 42202);
        }
    }

    @Test
    void shouldRejectBadSchemaRequestsWith42201AndBadJsonWith422() {
        assertError("POST", "/subjects/s/versions", schemaBody("not-avro.avsc"), 422, 42201);
        assertError("POST", "/subjects/s/versions", json("{\"schema\":\"{}\"}"), 422, 42201);
        assertError("POST", "/subjects/s/versions", json("{}"), 422, 42201);
        assertError("POST", "/subjects/s/versions", json("{\"schema\":\"\\\"string\\\"\",\"schemaType\":\"PROTOBUF\"}"),
                422, 42201);
        assertError("POST", "/subjects/s/versions",
                json("{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"a\",\"subject\":\"b\",\"version\":1}]}"),
                422, 42201);
        assertError("POST", "/subjects/s/versions", json("{\"schema\": "), 422, 422);
        assertError("POST", "/subjects/s/versions", json("{\"schema\":\"\\\"string\\\"\"} trailing"), 422, 422);
        assertError("POST", "/subjects/s/versions", json("[]"), 422, 422);
        assertError("POST", "/subjects/s/versions", json("{\"schema\":\"\\\"string\\\"\",\"schema\":\"\\\"int\\\"\"}"), 422, 422);
        assertError("POST", "/subjects/s/versions", json("{\"schema\":{\"type\":\"string\"}}"), 422, 422);
        assertError("POST", "/subjects/s/versions", NO_BODY, 422, 422);
        assertError("POST", "/subjects/s/versions", new byte[] {'"', (byte) 0xC3, '"'}, 422, 422);
        assertThat(call("POST", "/subjects/s/versions", json("{\"schema\":\"\\\"string\\\"\",\"references\":[]}")))
                .isEqualTo("{\"id\":1}");
    }

    @Test
    void shouldAnswerUnknownPathsWith404AndOtherMethodsWith405() {
        assertError("GET", "/nowhere", NO_BODY, 404, 404);
        assertError("GET", "/subjects/s/versions/1/schema/extra", NO_BODY, 404, 404);
        assertError("GET", "/schemas/ids/abc", NO_BODY, 404, 404);
        assertError("DELETE", "/subjects/s", NO_BODY, 405, 405);
        assertError("PUT", "/subjects", NO_BODY, 405, 405);
    }

    @Test
    void shouldDecodePathSegmentsKeepingPlusAndEncodedSlashes() {
        assertThat(RegistryRoutes.segments("/subjects/a%2Fb+c%20d/versions/")).containsExactly("subjects", "a/b+c d", "versions");
        assertThat(RegistryRoutes.segments("/")).containsExactly("");
        assertThat(RegistryRoutes.segments("/subjects/%C3%A9t%C3%A9")).containsExactly("subjects", "été");
        assertThatThrownBy(() -> RegistryRoutes.segments("/subjects/%zz"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private String call(String method, String pathAndQuery, byte[] body) {
        String[] parts = pathAndQuery.split("\\?", 2);
        Map<String, String> query = parts.length == 2 ? Map.of(parts[1].split("=")[0], parts[1].split("=")[1]) : Map.of();
        Object answer = routes.dispatch(method, RegistryRoutes.segments(parts[0]), query, body);
        return new String(RegistryHandler.json(answer), StandardCharsets.UTF_8);
    }

    private void assertError(String method, String path, byte[] body, int status, int code) {
        assertThatThrownBy(() -> call(method, path, body))
                .as("%s %s", method, path)
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errorCode()).isEqualTo(code);
                });
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
