package io.veridict.schemas.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * A tiny schema registry for tests, on the JDK's HTTP server at an ephemeral port.
 *
 * <p>Scripted answers come first: {@link #script} queues one answer for a method and raw path,
 * {@link #hang} queues one that never comes (until {@link #close()}). Without a script it acts as
 * a minimal registry that stores schemas: {@code POST /subjects/{s}/versions},
 * {@code POST /subjects/{s}} and {@code GET /schemas/ids/{id}}, with the Confluent error codes.
 * Ids start at {@link #FIRST_ID}, large enough that every byte of the big-endian id matters.
 * Every request is recorded.
 */
public final class ScriptedRegistry implements AutoCloseable {

    public static final int FIRST_ID = 0x01020304;

    /** One request as the registry received it. */
    public record Request(String method, String rawPath, Map<String, List<String>> headers,
            String body) {
        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private record Answer(int status, String body) { }

    private static final Answer HANG = new Answer(-1, "");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();

    private ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static ScriptedRegistry start() {
        try {
            return new ScriptedRegistry();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the scripted registry", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues one answer to {@code method rawPath}. */
    public ScriptedRegistry script(String method, String rawPath, int status, String body) {
        return enqueue(method, rawPath, new Answer(status, body));
    }

    /** Queues one request to {@code method rawPath} that is never answered. */
    public ScriptedRegistry hang(String method, String rawPath) {
        return enqueue(method, rawPath, HANG);
    }

    private ScriptedRegistry enqueue(String method, String rawPath, Answer answer) {
        scripts.computeIfAbsent(method + " " + rawPath, key -> new ConcurrentLinkedDeque<>())
                .add(answer);
        return this;
    }

    /** Stores a schema under a subject without HTTP, as another producer would have. */
    public synchronized int store(String subject, Schema schema) {
        String text = schema.toString();
        int index = schemas.indexOf(text);
        if (index < 0) {
            schemas.add(text);
            index = schemas.size() - 1;
        }
        int id = FIRST_ID + index;
        List<Integer> versions =
                subjects.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String rawPath) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath)).toList();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            requests.add(new Request(method, rawPath, headers, body));
            Deque<Answer> queue = scripts.get(method + " " + rawPath);
            Answer answer = queue == null ? null : queue.poll();
            if (answer == HANG) {
                released.await();
                return;
            }
            respond(exchange, answer != null ? answer : stored(method, rawPath, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Answer stored(String method, String rawPath, String body)
            throws IOException {
        String[] segments = rawPath.substring(1).split("/");
        if (method.equals("GET") && segments.length == 3 && rawPath.startsWith("/schemas/ids/")) {
            int index = Integer.parseInt(segments[2]) - FIRST_ID;
            return index >= 0 && index < schemas.size()
                    ? ok(Map.of("schema", schemas.get(index)))
                    : error(404, 40403, "Schema not found");
        }
        if (!method.equals("POST") || !segments[0].equals("subjects")) {
            return error(404, 404, "not scripted: " + method + " " + rawPath);
        }
        String subject = URLDecoder.decode(segments[1], StandardCharsets.UTF_8);
        Schema schema = new Schema.Parser().parse(JSON.readTree(body).get("schema").asText());
        if (segments.length == 3 && segments[2].equals("versions")) {
            return ok(Map.of("id", store(subject, schema)));
        }
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        int id = FIRST_ID + schemas.indexOf(schema.toString());
        return versions.contains(id)
                ? ok(Map.of("subject", subject, "id", id, "version", versions.indexOf(id) + 1,
                        "schema", schema.toString()))
                : error(404, 40403, "Schema not found");
    }

    private static Answer ok(Map<String, Object> body) throws IOException {
        return new Answer(200, JSON.writeValueAsString(body));
    }

    private static Answer error(int status, int code, String message) throws IOException {
        return new Answer(status, JSON.writeValueAsString(
                Map.of("error_code", code, "message", message)));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
