package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.registry.RegistryHttp.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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

        assertThat(http.post("/subjects/tenants%2Facme+x-value/versions", schemaBody("user-v1.avsc")).status()).isEqualTo(200);

        assertThat(http.get("/subjects").body()).isEqualTo("[\"tenants/acme+x-value\"]");
        assertThat(http.get("/subjects/tenants%2Facme%2Bx-value/versions").body()).isEqualTo("[1]");
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
