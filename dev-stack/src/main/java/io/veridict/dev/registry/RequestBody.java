package io.veridict.dev.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;

/**
 * Reads a request body of at most {@code limit} bytes, refusing a larger one without
 * waiting for it.
 *
 * <p>A declared {@code Content-Length} above the limit is refused before a byte is read, so
 * a client that declares a huge length and sends little is answered at once. A body without
 * a declared length (chunked) is read until it ends or passes the limit; past the limit it
 * is refused and the rest is not read. Jetty refuses a {@code Content-Length} that is not a
 * number it can hold with 400 before the request gets here.
 *
 * <p>A refused body is left unread but not failed: failing the request's content would make
 * Jetty abort the connection, sometimes before the 413 is out. {@link OversizedBody}
 * answers the refusal and deals with the rest of the body.
 */
final class RequestBody {

    private RequestBody() {
    }

    /**
     * The whole body; empty when there is none. Blocks the calling thread while the client
     * is sending (at most {@code limit} + 1 bytes are waited for).
     *
     * @throws RegistryException 413 when the body is declared or found to be larger than
     *                           {@code limit}; 400 when it cannot be read
     */
    static byte[] read(Request request, int limit) {
        if (request.getLength() > limit) {
            throw RegistryException.bodyTooLarge(limit);
        }
        byte[] body = new byte[(int) Math.min(limit + 1L, Math.max(request.getLength(), 16 * 1024))];
        int length = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                awaitContent(request);
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw RegistryException.badRequest("the request body could not be read");
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = Math.min(bytes.remaining(), limit + 1 - length);
                if (length + n > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(limit + 1L, Math.max(length + n, 2L * body.length)));
                }
                bytes.get(body, length, n);
                length += n;
            } finally {
                chunk.release();
            }
            if (length > limit) {
                throw RegistryException.bodyTooLarge(limit);
            }
            if (chunk.isLast()) {
                return Arrays.copyOf(body, length);
            }
        }
    }

    private static void awaitContent(Request request) {
        try (Blocker.Runnable ready = Blocker.runnable()) {
            request.demand(ready);
            ready.block();
        } catch (IOException e) {
            throw RegistryException.badRequest("the request body could not be read");
        }
    }
}
