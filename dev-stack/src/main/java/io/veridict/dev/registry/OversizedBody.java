package io.veridict.dev.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a body refused for its size (413), which leaves request bytes unread.
 *
 * <p>The answer is written at once with {@code Connection: close}, and Jetty shuts the
 * connection's output right after it, so the client reads the whole 413 and the end of
 * the stream without waiting. Then what the client still sends is read and dropped, so
 * that closing the connection does not reset it under a client that is still sending
 * (a reset can destroy the 413 before the client has read it). That reading is bounded:
 * at most {@value #DISCARD_LIMIT_BYTES} bytes, {@link #DISCARD_TIME} in all, and
 * {@link #DISCARD_IDLE} without a byte ends it. A client that declared a huge length and
 * stopped sending therefore has its answer at once and holds the connection for
 * {@link #DISCARD_IDLE} more.
 */
final class OversizedBody {

    static final long DISCARD_LIMIT_BYTES = 16L * 1024 * 1024;
    static final Duration DISCARD_IDLE = Duration.ofSeconds(1);
    static final Duration DISCARD_TIME = Duration.ofSeconds(5);

    private OversizedBody() {
    }

    /**
     * Writes {@code answer} (status and content type already set), drops what follows of
     * the request body within the bounds above, then completes {@code callback}.
     */
    static void answer(Request request, Response response, byte[] answer, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(answer), written);
            written.block();
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        discardRest(request);
        callback.succeeded();
    }

    private static void discardRest(Request request) {
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(DISCARD_IDLE.toMillis());
        long deadline = System.nanoTime() + DISCARD_TIME.toNanos();
        long left = DISCARD_LIMIT_BYTES;
        while (left > 0 && System.nanoTime() < deadline) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (!awaitContent(request)) {
                    return;
                }
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                return;
            }
            left -= chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                return;
            }
        }
    }

    /** Waits for more content; false when the wait failed (the idle timeout above ends it). */
    private static boolean awaitContent(Request request) {
        try (Blocker.Runnable ready = Blocker.runnable()) {
            request.demand(ready);
            ready.block();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
