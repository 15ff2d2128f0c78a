package io.veridict.dev.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of the registry: reads the request (at most {@link #MAX_BODY_BYTES},
 * one of the accepted content types), hands it to {@link RegistryRoutes} and writes the
 * answer as {@value #CONTENT_TYPE}.
 *
 * <p>Every answer, including every error, is JSON of the Confluent shape. A
 * {@link RegistryException} becomes its status and code; anything else is logged with the
 * request line and answered 500 / 50001 without internals.
 *
 * <p>The body is read before anything else, by {@link RequestBody}: a body declared or
 * found larger than {@link #MAX_BODY_BYTES} is answered 413 at once by
 * {@link OversizedBody}, the only answer that leaves request bytes unread, and the
 * connection is then closed.
 */
final class RegistryHandler extends Handler.Abstract {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> ACCEPTED_CONTENT_TYPES = Set.of(CONTENT_TYPE,
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryRoutes routes;

    RegistryHandler(RegistryRoutes routes) {
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        int status = 200;
        byte[] answer;
        try {
            byte[] body = readBody(request);
            answer = json(routes.dispatch(method, RegistryRoutes.segments(path), query(request), body));
        } catch (RegistryException e) {
            if (e.status() >= 500) {
                LOG.error("Schema registry failed to answer {} {}", method, path, e);
            }
            status = e.status();
            answer = json(new ApiBodies.ErrorMessage(e.errorCode(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Unexpected error answering {} {}", method, path, e);
            status = 500;
            answer = json(new ApiBodies.ErrorMessage(RegistryException.BACKEND_ERROR, "Error in the backend data store"));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        if (status == 413) {
            OversizedBody.answer(request, response, answer, callback);
        } else {
            response.write(true, ByteBuffer.wrap(answer), callback);
        }
        return true;
    }

    private static byte[] readBody(Request request) {
        byte[] body = RequestBody.read(request, MAX_BODY_BYTES);
        if (body.length > 0) {
            requireAcceptedContentType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        }
        return body;
    }

    /** A missing content type is accepted; parameters such as {@code charset} are ignored. */
    private static void requireAcceptedContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
            throw RegistryException.unsupportedMediaType();
        }
    }

    private static Map<String, String> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw RegistryException.badRequest("the query string is malformed");
        }
        Map<String, String> query = new HashMap<>();
        for (Fields.Field field : fields) {
            query.putIfAbsent(field.getName(), field.getValue());
        }
        return query;
    }

    /** UTF-8 JSON of an answer; a {@link RegistryRoutes.RawJson} is already JSON. */
    static byte[] json(Object body) {
        try {
            String text = body instanceof RegistryRoutes.RawJson raw ? raw.text() : JSON.writeValueAsString(body);
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a " + body.getClass().getSimpleName() + " answer", e);
        }
    }
}
