package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One HTTP/1.1 response read from pieces: framed by length, by chunks, or by the end of the connection. */
class HttpResponseReaderTest {

    private static HttpResponseReader.State feed(HttpResponseReader reader, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return reader.read(bytes, 0, bytes.length);
    }

    @Test
    void shouldCompleteAContentLengthResponseReceivedInPieces() {
        HttpResponseReader reader = new HttpResponseReader();

        assertThat(feed(reader, "HTTP/1.1 201 Created\r\nContent-Ty")).isEqualTo(HttpResponseReader.State.INCOMPLETE);
        assertThat(feed(reader, "pe: application/json\r\ncontent-length: 7\r\n\r\n{\"a\"")).isEqualTo(HttpResponseReader.State.INCOMPLETE);
        assertThat(feed(reader, ":1}")).isEqualTo(HttpResponseReader.State.COMPLETE);
        assertThat(reader.status()).isEqualTo(201);
        assertThat(reader.keepAlive()).isTrue();
    }

    @Test
    void shouldSkipChunksUpToTheLastOneAndItsTrailers() {
        HttpResponseReader reader = new HttpResponseReader();

        assertThat(feed(reader, "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n")).isEqualTo(
                HttpResponseReader.State.INCOMPLETE);
        assertThat(feed(reader, "0\r\nTrailer: 1\r\n")).isEqualTo(HttpResponseReader.State.INCOMPLETE);
        assertThat(feed(reader, "\r\n")).isEqualTo(HttpResponseReader.State.COMPLETE);
        assertThat(reader.status()).isEqualTo(400);
    }

    @Test
    void shouldReadABodyWithoutLengthToTheEndOfTheConnection() {
        HttpResponseReader reader = new HttpResponseReader();

        assertThat(feed(reader, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npong")).isEqualTo(HttpResponseReader.State.INCOMPLETE);
        assertThat(reader.endOfStream()).isEqualTo(HttpResponseReader.State.COMPLETE);
        assertThat(reader.keepAlive()).isFalse();
    }

    @Test
    void shouldNeedNoBodyForA204AndStartAfreshAfterReset() {
        HttpResponseReader reader = new HttpResponseReader();
        assertThat(feed(reader, "HTTP/1.1 204 No Content\r\n\r\n")).isEqualTo(HttpResponseReader.State.COMPLETE);

        reader.reset();

        assertThat(feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).isEqualTo(HttpResponseReader.State.COMPLETE);
        assertThat(reader.status()).isEqualTo(200);
    }

    @Test
    void shouldCallAConnectionEndingMidHeadMalformed() {
        HttpResponseReader reader = new HttpResponseReader();
        feed(reader, "HTTP/1.1 20");

        assertThat(reader.endOfStream()).isEqualTo(HttpResponseReader.State.MALFORMED);
        assertThat(feed(new HttpResponseReader(), "SSH-2.0-OpenSSH\r\n\r\n")).isEqualTo(HttpResponseReader.State.MALFORMED);
    }
}
