package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.registry.RegistryHttp.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer on a free local port, with an in-memory journal instead of Kafka. */
class RegistryHttpServerTest {

    private RegistryHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerEveryRequestInTheSchemaRegistryContentType() {
        RegistryHttp http = start(r -> { });

        Answer registered = http.post("/subjects/users-value/versions", schemaBody("user-v1.avsc"));
        Answer missing = http.get("/subjects/nobody/versions");

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).isEqualTo("{\"id\":1}");
        assertThat(registered.contentType()).isEqualTo(RegistryHttp.CONTENT_TYPE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'nobody' not found.\"}");
        assertThat(missing.contentType()).isEqualTo(RegistryHttp.CONTENT_TYPE);
    }

    @Test
    void shouldDecodeUrlEncodedSubjectNames() {
        RegistryHttp http = start(r -> { });

        assertThat(http.post("/subjects/users%2Dvalue/versions", schemaBody("user-v1.avsc")).status()).isEqualTo(200);

        assertThat(http.get("/subjects").body()).isEqualTo("[\"users-value\"]");
        assertThat(http.get("/subjects/users%2dvalue/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldRefuseSubjectWithPathTricksOverHttpWithoutWritingAnything() throws IOException {
        List<RegistryRecord> journal = new ArrayList<>();
        start(journal::add);
        String notValid = "{\"error_code\":42208,\"message\":\"The specified subject '%s' is not valid: %s\"}";
        String dots = "'.' and '..' are not subject names";
        String slash = "it contains U+002F '/'; only ASCII letters, digits, '.', '_' and '-' are allowed";
        String jettyRefusal = "400 {\"error_code\":400,\"message\":\"HTTP 400 Bad Request\"}";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("/config/..", "422 " + notValid.formatted("..", dots));
        answers.put("/config/.", "422 " + notValid.formatted(".", dots));
        answers.put("/config/..%2F..%2Fconfig", "422 " + notValid.formatted("../../config", slash));
        answers.put("/config/%2E%2E%2F%2E%2E%2Fconfig", "422 " + notValid.formatted("../../config", slash));
        answers.put("/config/%2Fconfig", "422 " + notValid.formatted("/config", slash));
        answers.put("/config/__GLOBAL", "422 " + notValid.formatted("__GLOBAL", "the name is reserved"));
        answers.put("/config/%252E%252E", "422 " + notValid.formatted("%2E%2E",
                "it contains U+0025 '%'; only ASCII letters, digits, '.', '_' and '-' are allowed"));
        // Jetty refuses ambiguous or malformed URIs before the registry sees them:
        answers.put("/config/%2E%2E", jettyRefusal);
        answers.put("/config/%2e", jettyRefusal);
        answers.put("/config/..%5C..%5Cconfig", jettyRefusal);
        answers.put("/config/a%00b", jettyRefusal);
        answers.put("/config/a%0D%0Ab", jettyRefusal);
        answers.put("/config/..;/x", jettyRefusal);
        answers.put("/subjects/../../config", jettyRefusal);
        answers.put("/subjects/x/../../config", "404 {\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        String body = "{\"compatibility\":\"NONE\"}";

        for (Map.Entry<String, String> expected : answers.entrySet()) {
            String answer = rawRequest("PUT " + expected.getKey() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(statusAndBody(answer)).as("PUT %s", expected.getKey()).isEqualTo(expected.getValue());
            assertThat(answer).as("PUT %s", expected.getKey()).contains("Content-Type: " + RegistryHttp.CONTENT_TYPE);
        }

        assertThat(journal).isEmpty();
    }

    @Test
    void shouldAcceptTheConfluentContentTypesAndRefuseOthersWith415() {
        RegistryHttp http = start(r -> { });
        byte[] body = schemaBody("user-v1.avsc");

        for (String type : new String[] {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                "application/json; charset=UTF-8", "application/octet-stream"}) {
            assertThat(http.send("POST", "/subjects/s/versions", type, body).body()).as(type).isEqualTo("{\"id\":1}");
        }
        Answer refused = http.send("POST", "/subjects/s/versions", "text/plain", body);
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.body()).isEqualTo("{\"error_code\":415,\"message\":\"HTTP 415 Unsupported Media Type\"}");
    }

    @Test
    void shouldRefuseBodiesLargerThanOneMebibyteWithJson() {
        RegistryHttp http = start(r -> { });
        byte[] huge = new byte[RegistryHandler.MAX_BODY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        Answer answer = http.post("/subjects/s/versions", huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo(413);
        assertThat(answer.json().path("message").asText()).isEqualTo("Request body is larger than 1048576 bytes");
    }

    @Test
    void shouldAnswerMalformedJsonWith422NotA500() {
        RegistryHttp http = start(r -> { });

        Answer answer = http.post("/subjects/s/versions", "{\"schema\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.errorCode()).isEqualTo(422);
        assertThat(answer.json().path("message").asText()).startsWith("Unprocessable entity: the request body is not valid JSON");
    }

    @Test
    void shouldHideUnexpectedErrorsBehind50001() {
        RegistryHttp http = start(r -> {
            throw new IllegalStateException("secret broker detail");
        });

        Answer answer = http.post("/subjects/s/versions", schemaBody("user-v1.avsc"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
    }

    @Test
    void shouldAnswerRequestsJettyRefusesInTheSameJsonShape() throws IOException {
        start(r -> { });

        String answer = rawRequest("GET /subjects/%GG HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("Content-Type: " + RegistryHttp.CONTENT_TYPE);
        assertThat(answer).endsWith("{\"error_code\":400,\"message\":\"HTTP 400 Bad Request\"}");
    }

    @Test
    void shouldAnswerEveryMethodJettyRefusesWithTheJsonBody() throws IOException {
        start(r -> { });

        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
            String answer = rawRequest(method + " /config/%2E%2E HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n");

            assertThat(answer).as(method).startsWith("HTTP/1.1 400 ");
            assertThat(answer).as(method).contains("Content-Type: " + RegistryHttp.CONTENT_TYPE);
            assertThat(answer).as(method).endsWith("{\"error_code\":400,\"message\":\"HTTP 400 Bad Request\"}");
        }
    }

    private RegistryHttp start(Consumer<RegistryRecord> journal) {
        server = RegistryHttpServer.start("127.0.0.1", 0, new RegistryService(new RegistryState(), journal));
        return new RegistryHttp(server.url());
    }

    /** {@code "422 {...}"}: the status code and body of a raw HTTP/1.1 answer. */
    private static String statusAndBody(String answer) {
        return answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3) + " "
                + answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
