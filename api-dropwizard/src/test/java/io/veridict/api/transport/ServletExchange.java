package io.veridict.api.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and its response for servlet filter tests: the request answers what a filter
 * asks of it (method, peer, TLS, headers), the response records what the filter wrote, and the
 * chain records whether the filter let the request through.
 */
final class ServletExchange {

    private final String method;
    private final String remoteAddr;
    private final boolean secure;
    private final Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Object> attributes = new TreeMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = 200;
    boolean passedOn;

    private ServletExchange(String method, String remoteAddr, boolean secure) {
        this.method = method;
        this.remoteAddr = remoteAddr;
        this.secure = secure;
    }

    static ServletExchange request(String method, String remoteAddr, boolean secure) {
        return new ServletExchange(method, remoteAddr, secure);
    }

    ServletExchange header(String name, String value) {
        requestHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    String responseHeader(String name) {
        List<String> values = responseHeaders.get(name);
        return values == null ? null : String.join(", ", values);
    }

    String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    HttpServletRequest httpRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRemoteAddr" -> remoteAddr;
                    case "isSecure" -> secure;
                    case "getHeader" -> requestHeaders.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(requestHeaders.getOrDefault((String) args[0], List.of()));
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    HttpServletResponse httpResponse() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> responseHeaders.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                        case "addHeader" -> responseHeaders.computeIfAbsent((String) args[0], n -> new ArrayList<>()).add((String) args[1]);
                        case "setContentType" -> responseHeaders.put("Content-Type", new ArrayList<>(List.of((String) args[0])));
                        case "setStatus" -> status = (Integer) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
    }

    FilterChain chain() {
        return (request, response) -> passedOn = true;
    }
}
