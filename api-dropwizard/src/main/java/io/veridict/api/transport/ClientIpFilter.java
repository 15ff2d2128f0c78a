package io.veridict.api.transport;

import io.veridict.api.auth.RequestAttributes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the client's IP address through the {@link TrustedProxies} and puts it in the
 * request attribute {@link RequestAttributes#CLIENT_IP} (which Jersey's request filters read as
 * a request property), whether or not rate limits are on, for the per-client limit and logs.
 *
 * <p>A servlet filter, before Jersey: it reads the servlet request it is handed rather than one
 * injected per request. With no trusted proxy the client is the socket peer, and the canonical
 * form of each peer address is remembered (a bounded number of them), so a request does not
 * parse its peer's address again.
 */
public final class ClientIpFilter implements Filter {

    /** How many peer addresses' canonical forms are remembered; all are forgotten beyond that. */
    static final int REMEMBERED_PEERS = 4096;

    private final TrustedProxies proxies;
    private final ConcurrentHashMap<String, String> canonicalPeers = new ConcurrentHashMap<>();

    public ClientIpFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        request.setAttribute(RequestAttributes.CLIENT_IP, clientIp(request));
        chain.doFilter(req, res);
    }

    /** The client address of {@code request}. */
    String clientIp(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!proxies.isEmpty()) {
            return proxies.clientIp(peer, Collections.list(request.getHeaders(TrustedProxies.FORWARDED_FOR)));
        }
        String known = canonicalPeers.get(peer);
        if (known != null) {
            return known;
        }
        String client = proxies.clientIp(peer, List.of());
        if (canonicalPeers.size() >= REMEMBERED_PEERS) {
            canonicalPeers.clear();
        }
        canonicalPeers.put(peer, client);
        return client;
    }
}
