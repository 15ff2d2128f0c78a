package io.veridict.dev.registry;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages (requests refused before they reach {@link RegistryHandler}, such as
 * a malformed URI) in the registry's JSON shape: {@code {"error_code":400,"message":"HTTP
 * 400 Bad Request"}}. Jetty's reason text and any exception stay out of the answer.
 *
 * <p>Every method gets the body: Jetty's default writes error pages for GET, POST and HEAD
 * only, which left a refused PUT with an empty answer.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RegistryHandler.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int code) {
        return RegistryHandler.json(new ApiBodies.ErrorMessage(code, "HTTP " + code + " " + HttpStatus.getMessage(code)));
    }
}
