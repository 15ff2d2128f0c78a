package io.veridict.webhooks.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks over HTTP(S) to targets checked against server-side request forgery.
 *
 * <p>Each delivery is checked by {@link TargetCheck} before anything connects, and connects only
 * to the addresses that check classified: the Jetty client's only address resolver answers with
 * the {@link CheckedTarget}'s addresses, and never looks a name up, so a DNS answer that changes
 * after the check is never used. TLS verifies the receiver's certificate against the URL's host
 * name, which is also sent as SNI. Redirects are not followed by Jetty; {@code 301}, {@code 302},
 * {@code 307} and {@code 308} are followed here, by sending the same request again, only to the
 * same host, at most {@link TargetPolicy#maxRedirects()} times, and each after a new check. No
 * cookies are kept, no authentication challenge is answered, and no proxy is used.
 *
 * <p>Of a response, only the status and the first {@link Builder#responseReadLimit(int)} bytes of
 * the body (4 KiB by default) are read; the rest is not, and the connection is closed. The result
 * carries a sanitised snippet of at most {@value DeliveryResult#MAX_SNIPPET_CHARS} printable
 * characters.
 *
 * <p>Thread-safe; one instance serves every delivery and is closed when no longer needed.
 */
public final class SafeHttpClient implements AutoCloseable {

    /** The default time allowed to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default time allowed for a whole delivery, checks and redirects included. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(15);
    /** The default number of response body bytes read. */
    public static final int DEFAULT_RESPONSE_READ_LIMIT = 4096;
    /** The User-Agent of deliveries. */
    public static final String DEFAULT_USER_AGENT = "Veridict-Webhooks/1";

    private static final Logger LOG = LoggerFactory.getLogger(SafeHttpClient.class);

    private static final String DEFAULT_CONTENT_TYPE = "application/json";
    private static final int MAX_RESPONSE_HEADERS_SIZE = 16 * 1024;
    private static final int MAX_HEADER_VALUE_LENGTH = 8192;
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
            "expect", "proxy-authorization", "proxy-connection");

    private final TargetCheck check;
    private final Duration totalTimeout;
    private final int responseReadLimit;
    private final HttpClient http;

    private SafeHttpClient(Builder b) {
        this.check = new TargetCheck(b.policy, b.resolver);
        this.totalTimeout = b.totalTimeout;
        this.responseReadLimit = b.responseReadLimit;

        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (b.trustStore != null) {
            tls.setTrustStore(b.trustStore);
        }

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("veridict-webhooks");
        threads.setDaemon(true);

        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setSslContextFactory(tls);
        client.setSocketAddressResolver(new PinnedAddressResolver(b.observer));
        client.setFollowRedirects(false);
        client.setMaxRedirects(0);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, b.userAgent));
        client.setConnectTimeout(b.connectTimeout.toMillis());
        client.setIdleTimeout(b.totalTimeout.toMillis());
        client.setMaxResponseHeadersSize(MAX_RESPONSE_HEADERS_SIZE);
        // Every delivery has its own destination (see PinnedAddressResolver.Pin); idle ones are dropped.
        client.setDestinationIdleTimeout(1000);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook HTTP client did not start", e);
        }
        // Handlers that would send further requests on their own: redirects are followed here, after
        // a check, and credentials are never sent in answer to a challenge.
        client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        // The body is read as sent, so the read limit counts the bytes received.
        client.getContentDecoderFactories().clear();
        this.http = client;
    }

    /**
     * A client with the production defaults: {@link TargetPolicy#defaults()}, the system resolver
     * and the JDK's trusted certificate authorities.
     *
     * @return a started client
     */
    public static SafeHttpClient create() {
        return builder().build();
    }

    /**
     * A builder with the production defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The check every delivery and every redirect goes through.
     *
     * @return the target check
     */
    public TargetCheck targetCheck() {
        return check;
    }

    /**
     * POSTs a webhook to a URL, if the URL passes {@link TargetCheck}, following same-host redirects.
     *
     * @param uri the webhook URL
     * @param headers request headers (for instance the signature headers); {@code Content-Type}
     *     defaults to {@code application/json}; hop-by-hop headers, {@code Host} and
     *     {@code Content-Length} may not be given
     * @param body the request body
     * @return how the delivery ended; never throws for anything the receiver or the network does
     * @throws IllegalArgumentException when a header name or value is invalid or reserved
     */
    public DeliveryResult deliver(URI uri, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        Map<String, String> requestHeaders = validHeaders(Objects.requireNonNull(headers, "headers"));
        String contentType = requestHeaders.getOrDefault("content-type", DEFAULT_CONTENT_TYPE);

        long start = System.nanoTime();
        long deadline = start + totalTimeout.toNanos();
        CheckedTarget target;
        try {
            target = check.check(uri);
        } catch (TargetRefused refused) {
            LOG.debug("webhook target refused: {} {}", refused.code(), refused.getMessage());
            return DeliveryResult.refused(refused, 0, since(start), 0);
        }
        int redirects = 0;
        while (true) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                return DeliveryResult.failed(DeliveryResult.Kind.TIMEOUT, 0, since(start), redirects, 0,
                        "the total timeout of " + totalTimeout.toMillis() + " ms elapsed");
            }
            Exchange exchange = exchange(target, requestHeaders, contentType, body, remainingMillis);
            if (exchange.failure != null) {
                LOG.debug("webhook delivery to {} failed: {} {}", target, exchange.failure, exchange.detail);
                return DeliveryResult.failed(exchange.failure, exchange.status, since(start), redirects,
                        exchange.bytesRead, exchange.detail);
            }
            if (followable(exchange.status) && exchange.location != null) {
                try {
                    target = check.checkRedirect(target, exchange.location, redirects);
                } catch (TargetRefused refused) {
                    LOG.debug("webhook redirect refused: {} {}", refused.code(), refused.getMessage());
                    return DeliveryResult.refused(refused, exchange.status, since(start), redirects);
                }
                redirects++;
                continue;
            }
            return DeliveryResult.answered(exchange.status, since(start), exchange.snippet, redirects,
                    exchange.bytesRead);
        }
    }

    /** How many per-delivery destinations the HTTP client still holds; idle ones are dropped within seconds. */
    int destinationCount() {
        return http.getDestinations().size();
    }

    /** Stops the underlying HTTP client; deliveries in progress fail. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("the webhook HTTP client did not stop cleanly", e);
        }
    }

    private Exchange exchange(CheckedTarget target, Map<String, String> headers, String contentType, byte[] body,
            long timeoutMillis) {
        Request request;
        InputStreamResponseListener listener = new InputStreamResponseListener();
        try {
            request = http.newRequest(target.uri())
                    .method(HttpMethod.POST)
                    .tag(new PinnedAddressResolver.Pin(target))
                    .followRedirects(false)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .headers(fields -> {
                        headers.forEach((name, value) -> {
                            if (!"content-type".equals(name)) {
                                fields.put(name, value);
                            }
                        });
                        fields.put(HttpHeader.CONNECTION, "close");
                    })
                    .body(new BytesRequestContent(contentType, body));
            request.send(listener);
        } catch (RuntimeException e) {
            return Exchange.failed(DeliveryResult.Kind.CONNECT_FAILED, 0, 0, describe(e));
        }

        Response response;
        try {
            response = listener.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            return Exchange.failed(DeliveryResult.Kind.TIMEOUT, 0, 0, "no answer within the total timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Exchange.failed(kindOf(cause), 0, 0, describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            return Exchange.failed(DeliveryResult.Kind.CONNECT_FAILED, 0, 0, "interrupted");
        }

        int status = response.getStatus();
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        byte[] buffer = new byte[responseReadLimit];
        int read = 0;
        try (InputStream in = listener.getInputStream()) {
            // Closing the stream before its end aborts the response: what is beyond the limit is never read.
            while (read < responseReadLimit) {
                int n = in.read(buffer, read, responseReadLimit - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException e) {
            if (kindOf(e) == DeliveryResult.Kind.TIMEOUT) {
                return Exchange.failed(DeliveryResult.Kind.TIMEOUT, status, read,
                        "the response body did not end within the total timeout");
            }
            // The status was received; a body cut short is still an answer.
        }
        return new Exchange(status, location, snippet(buffer, read), read, null, "");
    }

    /** The redirects that are followed, by sending the same request again: 303 asks for a GET and is not. */
    private static boolean followable(int status) {
        return status == 301 || status == 302 || status == 307 || status == 308;
    }

    /**
     * The body bytes as printable ASCII: tab, CR and LF as spaces, every other byte outside
     * 0x20-0x7e as {@code ?}, at most {@value DeliveryResult#MAX_SNIPPET_CHARS} characters.
     */
    static String snippet(byte[] bytes, int length) {
        int n = Math.min(length, DeliveryResult.MAX_SNIPPET_CHARS);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else if (c == '\t' || c == '\r' || c == '\n') {
                s.append(' ');
            } else {
                s.append('?');
            }
        }
        return s.toString();
    }

    private static DeliveryResult.Kind kindOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return DeliveryResult.Kind.TLS_FAILED;
            }
        }
        depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof TimeoutException) {
                return DeliveryResult.Kind.TIMEOUT;
            }
        }
        return DeliveryResult.Kind.CONNECT_FAILED;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 16) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && s.length() < 200; i++) {
            char c = text.charAt(i);
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.toString();
    }

    private static Map<String, String> validHeaders(Map<String, String> headers) {
        Map<String, String> valid = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || name.isEmpty() || !name.chars().allMatch(SafeHttpClient::isTokenChar)) {
                throw new IllegalArgumentException("invalid header name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower)) {
                throw new IllegalArgumentException("header " + name + " is set by the client and may not be given");
            }
            if (value == null || value.length() > MAX_HEADER_VALUE_LENGTH
                    || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("invalid value for header " + name);
            }
            if (valid.containsKey(lower)) {
                throw new IllegalArgumentException("header " + name + " is given twice");
            }
            valid.put(lower, value);
        });
        return valid;
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What one request/response exchange produced. */
    private static final class Exchange {
        final int status;
        final String location;
        final String snippet;
        final long bytesRead;
        final DeliveryResult.Kind failure;
        final String detail;

        Exchange(int status, String location, String snippet, long bytesRead, DeliveryResult.Kind failure,
                String detail) {
            this.status = status;
            this.location = location;
            this.snippet = snippet;
            this.bytesRead = bytesRead;
            this.failure = failure;
            this.detail = detail;
        }

        static Exchange failed(DeliveryResult.Kind kind, int status, long bytesRead, String detail) {
            return new Exchange(status, null, "", bytesRead, kind, detail);
        }
    }

    /** Builds a {@link SafeHttpClient}; every setting has a production default. */
    public static final class Builder {

        private TargetPolicy policy = TargetPolicy.defaults();
        private Resolver resolver = Resolver.system();
        private KeyStore trustStore;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
        private int responseReadLimit = DEFAULT_RESPONSE_READ_LIMIT;
        private String userAgent = DEFAULT_USER_AGENT;
        private ConnectObserver observer = ConnectObserver.NONE;

        private Builder() {
        }

        /**
         * The policy targets are checked under (default {@link TargetPolicy#defaults()}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policy(TargetPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How host names are resolved (default {@link Resolver#system()}). Whatever it answers is
         * classified before it is connected to.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The certificates trusted for TLS (default: the JDK's trusted certificate authorities).
         * Host names are verified whatever the trust store.
         *
         * @param trustStore the trust store
         * @return this builder
         */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /**
         * The time allowed to open a connection (default 5 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The time allowed for a whole delivery, checks and redirects included (default 15 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * How many bytes of a response body are read at most (default 4 KiB).
         *
         * @param bytes from 0 to 1 MiB
         * @return this builder
         */
        public Builder responseReadLimit(int bytes) {
            if (bytes < 0 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("responseReadLimit must be from 0 to 1 MiB");
            }
            this.responseReadLimit = bytes;
            return this;
        }

        /**
         * The User-Agent of deliveries (default {@value SafeHttpClient#DEFAULT_USER_AGENT}).
         *
         * @param userAgent printable ASCII
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.isEmpty() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("userAgent must be printable ASCII");
            }
            this.userAgent = userAgent;
            return this;
        }

        Builder connectObserver(ConnectObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Starts the client.
         *
         * @return a started client
         */
        public SafeHttpClient build() {
            return new SafeHttpClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
