package io.veridict.api.transport;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.CorrelationId;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.ErrorResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, before Jersey, a request whose framing leaves room for two readings, so that what the
 * service reads (and hashes) is what the client sent:
 *
 * <ul>
 *   <li>a path carrying parameters ({@code ;}, e.g. {@code /v1/receipts/m;x=1}, which Jersey would
 *       read as {@code m}): 400 {@code BAD_REQUEST};</li>
 *   <li>{@code Transfer-Encoding} other than exactly {@code chunked}: 400
 *       {@code UNSUPPORTED_TRANSFER_CODING} (no other transfer coding is decoded);</li>
 *   <li>{@code Content-Encoding} other than {@code gzip} or {@code identity}: 415
 *       {@code UNSUPPORTED_CONTENT_ENCODING}, with {@code Accept-Encoding: gzip, identity}
 *       (RFC 9110 §15.5.16). A gzip body is inflated before it is read, and counts against the
 *       body limits inflated.</li>
 * </ul>
 */
public final class RequestFramingFilter implements Filter {

    /** The content codings a request body may have. */
    static final List<String> CONTENT_CODINGS = List.of("gzip", "identity");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Optional<ApiException> refusal = check(request.getRequestURI(),
                values(request.getHeaders("Transfer-Encoding")), values(request.getHeaders("Content-Encoding")));
        if (refusal.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        ErrorResponses.write((HttpServletResponse) res, refusal.get(),
                CorrelationId.accept(request.getHeader(CorrelationId.HEADER)));
    }

    /**
     * The refusal of a request with this raw (still percent-encoded) path and these header fields
     * (every field line's value, in order), or empty when its framing is unambiguous.
     */
    static Optional<ApiException> check(String rawPath, List<String> transferEncodings, List<String> contentEncodings) {
        if (rawPath != null && rawPath.indexOf(';') >= 0) {
            return Optional.of(new ApiException(ErrorCode.BAD_REQUEST, "the path must not carry parameters (';')"));
        }
        List<String> transfer = codings(transferEncodings);
        if (!transfer.isEmpty() && !transfer.equals(List.of("chunked"))) {
            return Optional.of(new ApiException(ErrorCode.UNSUPPORTED_TRANSFER_CODING,
                    "Transfer-Encoding may only be chunked"));
        }
        List<String> content = codings(contentEncodings);
        if (content.size() > 1 || (content.size() == 1 && !CONTENT_CODINGS.contains(content.get(0)))) {
            return Optional.of(new ApiException(ErrorCode.UNSUPPORTED_CONTENT_ENCODING,
                    "the request body may be sent as is or gzip-compressed, nothing else")
                    .withHeader("Accept-Encoding", String.join(", ", CONTENT_CODINGS)));
        }
        return Optional.empty();
    }

    /** The codings a header lists over all its lines, lower-cased; an empty element is kept, to be refused. */
    private static List<String> codings(List<String> lines) {
        List<String> codings = new ArrayList<>();
        for (String line : lines) {
            for (String coding : line.split(",", -1)) {
                codings.add(coding.trim().toLowerCase(Locale.ROOT));
            }
        }
        return codings;
    }

    private static List<String> values(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
