package io.veridict.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.ExceptionTranslator;
import io.veridict.api.errors.JacksonErrors;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads a request body into a JSON object, refusing anything the ledger could not store
 * byte-exactly or that would cost the server too much. Resources take the body as an
 * {@code InputStream} and hand it here, so Jackson's lenient default provider never sees it.
 *
 * <p>The body MUST be: no larger than {@link JsonLimits#maxBodyBytes()}, both as declared
 * (checked first, whatever the type) and as counted (else 413); declared
 * {@code application/json} (charset utf-8, if any; else 415);
 * well-formed UTF-8 without a byte order mark; exactly one RFC 8259 JSON value, an object,
 * with nothing but whitespace after it; free of duplicate member names, comments, NaN and
 * infinities, and unpaired surrogate escapes; within the depth, member-count and string
 * limits; and every number MUST keep its exact decimal value in RFC 8785 canonical form.
 * Every refusal is an {@link ApiException} with the code listed in {@code docs/api-errors.md}.
 *
 * <p>Thread-safe: one instance serves all requests.
 */
public final class StrictJsonReader {

    /** Largest refused body that is still read (and dropped) before answering 413: 32 MiB. */
    static final long DRAIN_LIMIT = 32L * 1024 * 1024;

    private final JsonLimits limits;
    private final JsonFactory factory;

    public StrictJsonReader(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = JsonFactory.builder()
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxNumberLength(JsonLimits.MAX_NUMBER_CHARS)
                        .maxStringLength(limits.maxStringBytes())
                        .maxNameLength(limits.maxStringBytes())
                        .build())
                .build();
    }

    /** @return the limits this reader enforces */
    public JsonLimits limits() {
        return limits;
    }

    /** Reads the body of a request, taking Content-Type and Content-Length from its headers. */
    public ObjectNode read(InputStream body, HttpHeaders headers) {
        return read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)));
    }

    /**
     * Reads a body that may be absent: an empty body (no bytes at all, whatever Content-Type and
     * Content-Length say) reads as an empty object; anything else as {@link #read(InputStream, HttpHeaders)}.
     */
    public ObjectNode readOptional(InputStream body, HttpHeaders headers) {
        long length = contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (length == 0) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (length > 0) {
            return read(body, headers);
        }
        PushbackInputStream peek = new PushbackInputStream(body, 1);
        try {
            int first = peek.read();
            if (first < 0) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            }
            peek.unread(first);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        return read(peek, headers);
    }

    /**
     * Reads a request body.
     *
     * @param body the body; read to its end (or to the first refusal) and closed
     * @param contentType the Content-Type header, or {@code null} if absent
     * @param contentLength the declared Content-Length, or -1 if none (a chunked body)
     * @return the JSON object, with numbers as described in {@link JsonTreeBuilder}
     * @throws ApiException when the body breaks any rule of the class contract
     */
    public ObjectNode read(InputStream body, String contentType, long contentLength) {
        if (contentLength > limits.maxBodyBytes()) {
            discardUpTo(body, contentLength);
            throw tooLarge();
        }
        if (!JsonMediaType.isJson(contentType)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be application/json (charset utf-8, if given)");
        }
        try (PushbackReader reader = new PushbackReader(utf8(new BoundedInputStream(body, limits.maxBodyBytes())))) {
            rejectEmptyOrByteOrderMark(reader);
            try (JsonParser parser = factory.createParser(reader)) {
                try {
                    JsonNode root = new JsonTreeBuilder(limits).value(parser, parser.nextToken());
                    requireEnd(parser);
                    if (!root.isObject()) {
                        throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object");
                    }
                    return (ObjectNode) root;
                } catch (JsonProcessingException e) {
                    throw JacksonErrors.translate(e, parser);
                }
            }
        } catch (BoundedInputStream.BodyTooLargeException e) {
            throw tooLarge();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.INVALID_UTF8, "the request body is not well-formed UTF-8");
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /**
     * What a failure to read the body answers: a body sent as gzip that is not gzip data is
     * {@code INVALID_CONTENT_ENCODING}; any other I/O failure is {@code BODY_INCOMPLETE}; any other
     * runtime failure (an {@link ApiException} among them) is itself.
     */
    private static RuntimeException unreadable(Exception e) {
        if (ExceptionTranslator.isCorruptGzip(e)) {
            return ExceptionTranslator.corruptGzip(e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ApiException(ErrorCode.BODY_INCOMPLETE, "the request body could not be read to its end", e);
    }

    /**
     * The declared length, or -1. Parsed as a long: {@code HttpHeaders.getLength()} is an int and
     * fails on a length over 2 GiB, which must be a 413, not a server error. Jetty has already
     * refused a Content-Length that is not a number.
     */
    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long: certainly too large
        }
    }

    /**
     * A strict UTF-8 reader: the JDK decoder reports malformed input (overlong forms, encoded
     * surrogates, truncated sequences) instead of replacing it, and never guesses UTF-16/32.
     */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static void rejectEmptyOrByteOrderMark(PushbackReader reader) throws IOException {
        int first = reader.read();
        if (first < 0) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body is empty");
        }
        if (first == '\uFEFF') {
            throw new ApiException(ErrorCode.INVALID_UTF8, "the request body starts with a byte order mark");
        }
        reader.unread(first);
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        JsonToken next;
        try {
            next = parser.nextToken();
        } catch (JsonProcessingException e) {
            next = JsonToken.NOT_AVAILABLE; // not even a token, but still something after the value
        }
        if (next != null) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body has data after the JSON value");
        }
    }

    /**
     * Reads and drops a refused body whose declared size is at most {@link #DRAIN_LIMIT}, so
     * that a client still sending it reads the 413 instead of a reset connection; a larger
     * one is left unread and the connection is closed with the answer.
     */
    private static void discardUpTo(InputStream body, long declared) {
        if (declared > DRAIN_LIMIT) {
            return;
        }
        try (body) {
            body.skipNBytes(declared);
        } catch (IOException clientGone) {
            // nothing left to answer politely
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is larger than "
                + limits.maxBodyBytes() + " bytes");
    }
}
