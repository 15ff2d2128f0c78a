package io.veridict.webhooks.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The delivery client against servers on 127.0.0.1. Names are resolved by a {@link TestResolver};
 * a {@link ConnectObserver} records every connection attempt and stops any that would leave the
 * loopback interface, so no test can send a packet off 127.0.0.1 even if the client were wrong.
 */
class SafeHttpClientTest {

    private static final byte[] BODY = "{\"type\":\"decision.recorded\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("webhook-id", "msg_1", "webhook-timestamp", "1700000000");

    private final List<InetSocketAddress> connections = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** Records each attempt; refuses any address that is not 127.0.0.1. */
    private final ConnectObserver loopbackOnly = (target, addresses) -> {
        for (InetSocketAddress a : addresses) {
            if (!a.getAddress().isLoopbackAddress()) {
                throw new IllegalStateException("a test tried to connect off loopback: " + a);
            }
        }
        connections.addAll(addresses);
    };

    @BeforeAll
    static void quietJetty() {
        // Jetty logs every I/O event at DEBUG, the level logback uses when it has no configuration.
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private SafeHttpClient client(TargetPolicy policy, Resolver resolver) throws Exception {
        return closing(SafeHttpClient.builder()
                .policy(policy)
                .resolver(resolver)
                .trustStore(TestCertificates.trustStore())
                .totalTimeout(Duration.ofSeconds(10))
                .connectObserver(loopbackOnly)
                .build());
    }

    private static URI url(String scheme, String host, int port, String path) {
        return URI.create(scheme + "://" + host + ":" + port + path);
    }

    private static void pause() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(200);
    }

    // --- refused before any connection

    @Test
    void shouldRefuseANameResolvingToLoopbackBeforeAnyConnection() throws Exception {
        LoopbackServer victim = closing(LoopbackServer.silent());
        TestResolver resolver = new TestResolver().answer("victim.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.defaults(), resolver);

        DeliveryResult result = client.deliver(url("https", "victim.test", victim.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
        assertThat(result.refusal()).contains(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(result.addressClass()).contains(AddressClass.LOOPBACK);
        assertThat(result.status()).isZero();
        assertThat(victim.accepted()).isZero();
        assertThat(connections).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]", "[::1]", "localhost"})
    void shouldRefuseLoopbackLiteralsInProductionBeforeAnyConnection(String host) throws Exception {
        LoopbackServer victim = closing(LoopbackServer.silent());
        SafeHttpClient client = client(TargetPolicy.defaults(), TestResolver.never());

        DeliveryResult result = client.deliver(url("https", host, victim.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
        assertThat(result.refusal()).contains(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(victim.accepted()).isZero();
        assertThat(connections).isEmpty();
    }

    @Test
    void shouldRefusePlainHttpInProductionBeforeAnyConnection() throws Exception {
        LoopbackServer victim = closing(LoopbackServer.silent());
        TestResolver resolver = new TestResolver().answer("hooks.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.defaults(), resolver);

        DeliveryResult result = client.deliver(url("http", "hooks.test", victim.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
        assertThat(result.refusal()).contains(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED);
        assertThat(victim.accepted()).isZero();
        assertThat(resolver.calls()).isEmpty();
    }

    // --- delivery over TLS, to the checked address

    @Test
    void shouldDeliverOverTlsToTheCheckedAddressWithTheHostNameAsSni() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(202, "accepted")));
        TestResolver resolver = new TestResolver().answer("hooks.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "hooks.test", server.port(), "/in?x=1"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
        assertThat(result.delivered()).isTrue();
        assertThat(result.status()).isEqualTo(202);
        assertThat(result.snippet()).isEqualTo("accepted");
        assertThat(result.redirects()).isZero();
        assertThat(result.latency()).isPositive();
        assertThat(server.requests()).hasSize(1);
        LoopbackServer.Recorded request = server.requests().get(0);
        assertThat(request.serverName).isEqualTo("hooks.test");
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.target).isEqualTo("/in?x=1");
        assertThat(request.headers).containsEntry("host", "hooks.test:" + server.port())
                .containsEntry("webhook-id", "msg_1").containsEntry("content-type", "application/json")
                .containsEntry("user-agent", SafeHttpClient.DEFAULT_USER_AGENT)
                .doesNotContainKey("cookie").doesNotContainKey("accept-encoding");
        assertThat(request.body).isEqualTo(BODY);
        assertThat(connections).containsExactly(new InetSocketAddress(TestResolver.ip("127.0.0.1"), server.port()));
        assertThat(resolver.calls()).containsExactly("hooks.test");
    }

    @Test
    void shouldFailTlsWhenTheCertificateDoesNotNameTheHost() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(200, "ok")));
        TestResolver resolver = new TestResolver().answer("wrongname.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "wrongname.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.TLS_FAILED);
        assertThat(result.status()).isZero();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldFailTlsWhenTheCertificateIsNotTrusted() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(200, "ok")));
        TestResolver resolver = new TestResolver().answer("hooks.test", "127.0.0.1");
        SafeHttpClient client = closing(SafeHttpClient.builder()
                .policy(TargetPolicy.forTestsAllowingLoopback())
                .resolver(resolver)
                .connectObserver(loopbackOnly)
                .build());

        DeliveryResult result = client.deliver(url("https", "hooks.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.TLS_FAILED);
        assertThat(server.requests()).isEmpty();
    }

    // --- redirects

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://internal.test/", "https://meta.test/latest/meta-data/", "https://public.test/",
        "https://169.254.169.254/latest/meta-data/", "https://[::ffff:10.0.0.1]/", "//internal.test/x",
        "http://internal.test/",
    })
    void shouldRefuseARedirectToAnotherHostWithoutResolvingOrConnectingToIt(String location) throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.redirect(302, location)));
        TestResolver resolver = new TestResolver().answer("redirect.test", "127.0.0.1")
                .answer("internal.test", "10.0.0.1").answer("meta.test", "169.254.169.254")
                .answer("public.test", "8.8.8.8");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "redirect.test", server.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REDIRECT_REFUSED);
        assertThat(result.refusal()).contains(RefusalCode.WEBHOOK_REDIRECT_REFUSED);
        assertThat(result.status()).isEqualTo(302);
        assertThat(result.redirects()).isZero();
        assertThat(resolver.calls()).containsExactly("redirect.test");
        assertThat(connections).containsExactly(new InetSocketAddress(TestResolver.ip("127.0.0.1"), server.port()));
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void shouldRefuseASameHostRedirectWhoseNameNowResolvesToAForbiddenAddress() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.redirect(307, "/next")));
        TestResolver resolver = new TestResolver().then("hop.test", "127.0.0.1").then("hop.test", "169.254.169.254");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "hop.test", server.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
        assertThat(result.refusal()).contains(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(result.addressClass()).contains(AddressClass.METADATA);
        assertThat(result.status()).isEqualTo(307);
        assertThat(resolver.calls()).containsExactly("hop.test", "hop.test");
        assertThat(connections).hasSize(1);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void shouldFollowASameHostRedirectAfterCheckingItAgain() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls((request, out) -> {
            if (request.target.equals("/")) {
                LoopbackServer.write(out, 308, "Permanent Redirect", Map.of("Location", "/moved#ignored"), new byte[0]);
            } else {
                LoopbackServer.write(out, 200, "OK", Map.of(), ("at " + request.target).getBytes(StandardCharsets.UTF_8));
            }
        }));
        TestResolver resolver = new TestResolver().answer("hop.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "hop.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
        assertThat(result.redirects()).isEqualTo(1);
        assertThat(result.snippet()).isEqualTo("at /moved");
        assertThat(server.requests()).extracting(r -> r.target).containsExactly("/", "/moved");
        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.method).isEqualTo("POST");
            assertThat(r.body).isEqualTo(BODY);
            assertThat(r.headers).containsEntry("webhook-id", "msg_1");
        });
        assertThat(resolver.calls()).containsExactly("hop.test", "hop.test");
    }

    @Test
    void shouldStopAfterTheMaximumNumberOfRedirects() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.redirect(302, "/again")));
        TestResolver resolver = new TestResolver().answer("hop.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("https", "hop.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REDIRECT_REFUSED);
        assertThat(result.redirects()).isEqualTo(3);
        assertThat(server.requests()).hasSize(4);
        assertThat(connections).hasSize(4);
    }

    @Test
    void shouldNotFollowA303OrARedirectWithoutLocation() throws Exception {
        LoopbackServer seeOther = closing(LoopbackServer.tls(LoopbackServer.redirect(303, "/result")));
        LoopbackServer noLocation = closing(LoopbackServer.tls(LoopbackServer.status(302, "")));
        TestResolver resolver = new TestResolver().answer("hooks.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult a = client.deliver(url("https", "hooks.test", seeOther.port(), "/"), HEADERS, BODY);
        DeliveryResult b = client.deliver(url("https", "hooks.test", noLocation.port(), "/"), HEADERS, BODY);

        assertThat(a.kind()).isEqualTo(DeliveryResult.Kind.HTTP_STATUS);
        assertThat(a.status()).isEqualTo(303);
        assertThat(seeOther.requests()).hasSize(1);
        assertThat(b.kind()).isEqualTo(DeliveryResult.Kind.HTTP_STATUS);
        assertThat(b.status()).isEqualTo(302);
    }

    // --- DNS rebinding

    @Test
    void shouldConnectOnlyToTheCheckedAddressWhateverTheNameResolvesToLater() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(200, "ok")));
        // First answer 127.0.0.1 (permitted by the test policy), then the metadata address.
        TestResolver resolver = new TestResolver().then("rebind.test", "127.0.0.1").then("rebind.test", "169.254.169.254");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult first = client.deliver(url("https", "rebind.test", server.port(), "/"), HEADERS, BODY);

        assertThat(first.kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
        assertThat(resolver.calls()).containsExactly("rebind.test");
        assertThat(connections).containsExactly(new InetSocketAddress(TestResolver.ip("127.0.0.1"), server.port()));

        DeliveryResult second = client.deliver(url("https", "rebind.test", server.port(), "/"), HEADERS, BODY);
        pause();

        assertThat(second.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
        assertThat(second.addressClass()).contains(AddressClass.METADATA);
        assertThat(resolver.calls()).containsExactly("rebind.test", "rebind.test");
        assertThat(connections).hasSize(1);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void shouldGiveEveryDeliveryItsOwnDestinationAndDropItWhenIdle() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(200, "ok")));
        TestResolver resolver = new TestResolver().answer("hooks.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        for (int i = 0; i < 3; i++) {
            assertThat(client.deliver(url("https", "hooks.test", server.port(), "/"), HEADERS, BODY).delivered()).isTrue();
        }

        assertThat(server.accepted()).isEqualTo(3);
        assertThat(resolver.calls()).hasSize(3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.destinationCount() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(client.destinationCount()).isZero();
    }

    @Test
    void shouldNeverResolveANameOnTheWayToTheConnection() throws Exception {
        LoopbackServer server = closing(LoopbackServer.tls(LoopbackServer.status(200, "ok")));
        // One answer, and then a failure: a second lookup for the same delivery would fail it.
        Resolver once = new Resolver() {
            private int calls;

            @Override
            public synchronized List<java.net.InetAddress> resolve(String host) throws UnknownHostException {
                if (calls++ > 0) {
                    throw new AssertionError("resolved twice: " + host);
                }
                return List.of(TestResolver.ip("127.0.0.1"));
            }
        };
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), once);

        DeliveryResult result = client.deliver(url("https", "rebind.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
        assertThat(connections).hasSize(1);
    }

    @Test
    void shouldGiveTheHttpClientNoAddressForADestinationThatWasNotChecked() throws Exception {
        PinnedAddressResolver pinned = new PinnedAddressResolver(loopbackOnly);
        CompletableFuture<List<InetSocketAddress>> withoutContext = new CompletableFuture<>();
        CompletableFuture<List<InetSocketAddress>> withOtherContext = new CompletableFuture<>();

        pinned.resolve("hooks.test", 443, Map.of(), Promise.from(withoutContext::complete, withoutContext::completeExceptionally));
        pinned.resolve("hooks.test", 443, Map.of(Destination.CONTEXT_KEY, "not a destination"),
                Promise.from(withOtherContext::complete, withOtherContext::completeExceptionally));

        assertThat(withoutContext).isCompletedExceptionally();
        assertThat(withOtherContext).isCompletedExceptionally();
        assertThat(connections).isEmpty();
    }

    // --- response limits and failures

    @Test
    void shouldReadAtMostTheLimitAndKeepOnlyAPrintableSnippet() throws Exception {
        byte[] big = new byte[1024 * 1024];
        byte[] start = "\u0000\u001b[31mhello\r\n\tworld\u007f".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 7 == 0 ? 0x07 : (i % 5 == 0 ? 0xff : 'x'));
        }
        System.arraycopy(start, 0, big, 0, start.length);
        LoopbackServer server = closing(LoopbackServer.plain((request, out) ->
                LoopbackServer.write(out, 500, "Error", Map.of("Content-Type", "text/plain"), big)));
        TestResolver resolver = new TestResolver().answer("big.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("http", "big.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.HTTP_STATUS);
        assertThat(result.status()).isEqualTo(500);
        assertThat(result.bodyBytesRead()).isEqualTo(SafeHttpClient.DEFAULT_RESPONSE_READ_LIMIT);
        assertThat(result.snippet()).hasSize(DeliveryResult.MAX_SNIPPET_CHARS)
                .startsWith("??[31mhello   world?")
                .matches("[\\x20-\\x7e]*");
    }

    @Test
    void shouldStopReadingAnEndlessBodyAtTheLimit() throws Exception {
        LoopbackServer server = closing(LoopbackServer.plain((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1024];
            Arrays.fill(chunk, (byte) 'z');
            byte[] header = "400\r\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] end = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                out.write(header);
                out.write(chunk);
                out.write(end);
                out.flush();
            }
        }));
        TestResolver resolver = new TestResolver().answer("slow.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("http", "slow.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
        assertThat(result.bodyBytesRead()).isEqualTo(4096);
        assertThat(result.snippet()).isEqualTo("z".repeat(256));
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldTimeOutWhenTheReceiverDoesNotAnswer() throws Exception {
        LoopbackServer server = closing(LoopbackServer.plain((request, out) -> {
            try {
                TimeUnit.SECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        TestResolver resolver = new TestResolver().answer("slow.test", "127.0.0.1");
        SafeHttpClient client = closing(SafeHttpClient.builder()
                .policy(TargetPolicy.forTestsAllowingLoopback())
                .resolver(resolver)
                .totalTimeout(Duration.ofMillis(500))
                .connectObserver(loopbackOnly)
                .build());

        DeliveryResult result = client.deliver(url("http", "slow.test", server.port(), "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.TIMEOUT);
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldReportAConnectionFailureWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, TestResolver.ip("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TestResolver resolver = new TestResolver().answer("closed.test", "127.0.0.1");
        SafeHttpClient client = client(TargetPolicy.forTestsAllowingLoopback(), resolver);

        DeliveryResult result = client.deliver(url("http", "closed.test", port, "/"), HEADERS, BODY);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.CONNECT_FAILED);
        assertThat(result.status()).isZero();
        assertThat(connections).hasSize(1);
    }

    @Test
    void shouldRefuseHeadersTheClientSetsOrThatCouldSplitTheRequest() throws Exception {
        SafeHttpClient client = client(TargetPolicy.defaults(), TestResolver.never());
        URI uri = URI.create("https://8.8.8.8/");

        for (Map<String, String> headers : List.of(Map.of("Host", "internal.test"), Map.of("Content-Length", "1"),
                Map.of("Transfer-Encoding", "chunked"), Map.of("Connection", "keep-alive"),
                Map.of("x-test", "a\r\nHost: internal.test"), Map.of("x test", "a"), Map.of("x-test", "caf\u00e9"))) {
            assertThatThrownBy(() -> client.deliver(uri, headers, BODY)).as(headers.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(connections).isEmpty();
    }

    @Test
    void shouldSanitiseSnippets() {
        byte[] bytes = "ok\u0000\u001b\t\r\n\u007f".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);

        assertThat(SafeHttpClient.snippet(bytes, bytes.length)).isEqualTo("ok??   ?");
        assertThat(SafeHttpClient.snippet(utf8, utf8.length)).isEqualTo("caf??");
        assertThat(SafeHttpClient.snippet(new byte[1000], 1000)).hasSize(256);
        assertThat(SafeHttpClient.snippet(new byte[0], 0)).isEmpty();
    }
}
