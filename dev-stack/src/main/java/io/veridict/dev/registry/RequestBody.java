package io.veridict.dev.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

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
 * <p>The caller answers a refusal with {@code Connection: close}: Jetty then closes the
 * connection's output after the answer and discards whatever the client still sends, so
 * a client still sending sees the 413 instead of a reset connection.
 */
final class RequestBody {

    private RequestBody() {
    }

    /**
     * The whole body; empty when there is none.
     *
     * @throws RegistryException 413 when the body is declared or found to be larger than
     *                           {@code limit}; 400 when it cannot be read
     */
    static byte[] read(Request request, int limit) {
        if (request.getLength() > limit) {
            throw RegistryException.bodyTooLarge(limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = readAtMost(in, limit + 1);
            if (body.length > limit) {
                throw RegistryException.bodyTooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw RegistryException.badRequest("the request body could not be read");
        }
    }

    /**
     * Up to {@code max} bytes, fewer when the stream ends first. Never asks the stream for
     * zero bytes: Jetty's request stream blocks on such a read until more content arrives,
     * which is why {@link InputStream#readNBytes(int)} waited for a client that had sent
     * exactly {@code max} bytes and stopped.
     */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] buffer = new byte[Math.min(max, 64 * 1024)];
        int length = 0;
        while (length < max) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, 2L * buffer.length));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return Arrays.copyOf(buffer, length);
    }
}
