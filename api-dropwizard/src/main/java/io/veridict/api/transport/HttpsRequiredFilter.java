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

/**
 * With {@code transport.requireHttps}, refuses every request the client did not send over
 * HTTPS (neither a TLS connector nor a trusted proxy saying {@code X-Forwarded-Proto: https})
 * with 403 {@code HTTPS_REQUIRED}, before the request reaches Jersey. Credentials sent in clear
 * text are already compromised, so the request is refused rather than redirected.
 */
public final class HttpsRequiredFilter implements Filter {

    private final TrustedProxies proxies;

    public HttpsRequiredFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (proxies.arrivedOverHttps(request.isSecure(), request.getRemoteAddr(),
                request.getHeader(TrustedProxies.FORWARDED_PROTO))) {
            chain.doFilter(req, res);
            return;
        }
        String correlationId = CorrelationId.accept(request.getHeader(CorrelationId.HEADER));
        ApiException error = new ApiException(ErrorCode.HTTPS_REQUIRED, "this API is served over HTTPS only");
        ErrorResponses.write((HttpServletResponse) res, error, correlationId);
    }
}
