package io.veridict.webhooks.target;

import static io.veridict.webhooks.target.TestResolver.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The target check: URL shape, schemes, ports, literal hosts in every spelling, and names through
 * an injected resolver. No test resolves a name through the system.
 */
class TargetCheckTest {

    private static final TargetPolicy PRODUCTION = TargetPolicy.defaults();
    private static final TargetPolicy PLAIN_HTTP = TargetPolicy.builder().allowPlainHttp(true).build();

    private static TargetRefused refusal(String url, TargetPolicy policy, Resolver resolver) {
        TargetRefused refused = catchThrowableOfType(TargetRefused.class,
                () -> TargetCheck.check(URI.create(url), policy, resolver));
        assertThat(refused).as("refusal of %s", url).isNotNull();
        return refused;
    }

    private static TargetRefused refusal(String url) {
        return refusal(url, PRODUCTION, TestResolver.never());
    }

    // --- the same forbidden addresses as the classifier battery, as literals and through a resolver

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "0.0.0.0, UNSPECIFIED", "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE",
        "192.168.1.1, PRIVATE", "100.64.0.1, SHARED", "169.254.1.1, LINK_LOCAL", "224.0.0.1, MULTICAST",
        "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "198.18.0.1, BENCHMARKING", "192.0.2.1, DOCUMENTATION",
        "198.51.100.1, DOCUMENTATION", "203.0.113.1, DOCUMENTATION", "192.0.0.8, IETF_PROTOCOL",
        "169.254.169.254, METADATA", "169.254.170.2, METADATA", "100.100.100.200, METADATA",
        "::1, LOOPBACK", "::, UNSPECIFIED", "fc00::1, PRIVATE", "fd00::1, PRIVATE", "fe80::1, LINK_LOCAL",
        "fec0::1, SITE_LOCAL", "ff02::1, MULTICAST", "2001:db8::1, DOCUMENTATION", "100::1, RESERVED",
        "2001:10::1, RESERVED", "2001:20::1, RESERVED", "fd00:ec2::254, METADATA",
        "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, METADATA", "::10.0.0.1, PRIVATE",
        "::ffff:0:127.0.0.1, LOOPBACK", "2002:7f00:1::1, LOOPBACK", "2002:a9fe:a9fe::1, METADATA",
        "64:ff9b::127.0.0.1, LOOPBACK", "64:ff9b::169.254.169.254, METADATA", "64:ff9b:1::10.0.0.1, PRIVATE",
        "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK", "2001:0:4136:e378:8000:63bf:5601:5601, METADATA",
    })
    void shouldRefuseForbiddenLiteralsWithoutAskingTheResolver(String literal, AddressClass expected) {
        String host = literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal;

        TargetRefused refused = refusal("https://" + host + "/hook");

        assertThat(refused.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(refused.addressClass()).contains(expected);
        assertThat(refused.address()).contains(ip(literal));
    }

    @ParameterizedTest(name = "a name resolving to {0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "10.0.0.1, PRIVATE", "192.168.0.10, PRIVATE", "100.64.1.1, SHARED",
        "169.254.169.254, METADATA", "169.254.170.2, METADATA", "100.100.100.200, METADATA",
        "0.0.0.0, UNSPECIFIED", "224.0.0.251, MULTICAST", "255.255.255.255, RESERVED", "198.19.0.1, BENCHMARKING",
        "192.0.2.1, DOCUMENTATION", "192.0.0.1, IETF_PROTOCOL",
        "::1, LOOPBACK", "fd00:ec2::254, METADATA", "fe80::1, LINK_LOCAL", "fc00::5, PRIVATE", "fec0::1, SITE_LOCAL",
        "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, METADATA", "::127.0.0.1, LOOPBACK",
        "2002:a00:1::, PRIVATE", "64:ff9b::a9fe:a9fe, METADATA", "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE",
    })
    void shouldRefuseANameThatResolvesToAForbiddenAddress(String answer, AddressClass expected) {
        TestResolver resolver = new TestResolver().answer("rebind.test", answer).answer("meta.test", answer);

        TargetRefused refused = refusal("https://meta.test/hook", PRODUCTION, resolver);

        assertThat(refused.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(refused.addressClass()).contains(expected);
        assertThat(refused.address()).contains(ip(answer));
        assertThat(refused.getMessage()).contains("meta.test").doesNotContain("/hook");
        assertThat(resolver.calls()).containsExactly("meta.test");
    }

    @Test
    void shouldRefuseANameWhenAnyOfItsAnswersIsForbiddenNotOnlyTheFirst() {
        TestResolver resolver = new TestResolver()
                .answer("mixed.test", "8.8.8.8", "10.0.0.1")
                .answer("mixed6.test", "2606:4700:4700::1111", "1.1.1.1", "::ffff:169.254.169.254")
                .answer("first.test", "127.0.0.1", "8.8.8.8");

        TargetRefused mixed = refusal("https://mixed.test/", PRODUCTION, resolver);
        TargetRefused mixed6 = refusal("https://mixed6.test/", PRODUCTION, resolver);
        TargetRefused first = refusal("https://first.test/", PRODUCTION, resolver);

        assertThat(mixed.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(mixed.addressClass()).contains(AddressClass.PRIVATE);
        assertThat(mixed.address()).contains(ip("10.0.0.1"));
        assertThat(mixed6.addressClass()).contains(AddressClass.METADATA);
        assertThat(first.addressClass()).contains(AddressClass.LOOPBACK);
    }

    @Test
    void shouldAcceptANameWhoseAnswersAreAllPublicAndKeepEveryAnswer() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8", "2606:4700:4700::1111", "8.8.8.8");

        CheckedTarget target = TargetCheck.check(URI.create("https://Public.Test./hooks/a%20b?x=1&y=%2F"), PRODUCTION,
                resolver);

        assertThat(target.scheme()).isEqualTo("https");
        assertThat(target.host()).isEqualTo("public.test");
        assertThat(target.isLiteral()).isFalse();
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.path()).isEqualTo("/hooks/a%20b");
        assertThat(target.query()).isEqualTo("x=1&y=%2F");
        assertThat(target.addresses()).containsExactly(ip("8.8.8.8"), ip("2606:4700:4700::1111"));
        assertThat(target.uri()).isEqualTo(URI.create("https://public.test/hooks/a%20b?x=1&y=%2F"));
        assertThat(target.toString()).doesNotContain("hooks/a").contains("public.test");
        assertThat(resolver.calls()).containsExactly("public.test");
    }

    @Test
    void shouldAcceptPublicLiteralsAndWriteThemCanonically() throws Exception {
        CheckedTarget v4 = TargetCheck.check(URI.create("https://8.8.8.8:8443/x"), PRODUCTION, TestResolver.never());
        CheckedTarget v6 = TargetCheck.check(URI.create("https://[2606:4700:4700::1111]/"), PRODUCTION, TestResolver.never());
        CheckedTarget mapped = TargetCheck.check(URI.create("https://[::ffff:8.8.4.4]/"), PRODUCTION, TestResolver.never());

        assertThat(v4.isLiteral()).isTrue();
        assertThat(v4.addresses()).containsExactly(ip("8.8.8.8"));
        assertThat(v4.uri()).isEqualTo(URI.create("https://8.8.8.8:8443/x"));
        assertThat(v6.host()).isEqualTo("2606:4700:4700:0:0:0:0:1111");
        assertThat(v6.uri()).isEqualTo(URI.create("https://[2606:4700:4700:0:0:0:0:1111]/"));
        assertThat(mapped.host()).isEqualTo("8.8.4.4");
    }

    // --- tricky spellings of loopback: refused, never public, never resolved

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "127.0.0.1", "127.1", "127.0.1", "0x7f.1", "0x7F.0.0.1", "0x7f000001", "2130706433", "017700000001",
        "0177.0.0.1", "0177.0.0.01", "127.000.000.001", "0x7f.0x0.0x0.0x1", "127.0.0.1.", "127.255.255.254",
        "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]",
        "[::127.0.0.1]", "[::ffff:0:127.0.0.1]", "[64:ff9b::127.0.0.1]", "[2002:7f00:1::]",
        "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "localhost", "LOCALHOST.", "hooks.localhost",
        "\uff11\uff12\uff17.\uff10.\uff10.\uff11", "127\u30020\u30020\u30021",
    })
    void shouldRefuseTrickySpellingsOfLoopbackWithoutResolvingThem(String host) {
        for (String url : List.of("https://" + host + "/", "https://" + host + ":8443/")) {
            TargetRefused production = refusal(url);
            TargetRefused plain = refusal(url.replace("https://", "http://"), PLAIN_HTTP, TestResolver.never());

            assertThat(production.code()).as(url).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
            assertThat(production.addressClass()).as(url).contains(AddressClass.LOOPBACK);
            assertThat(plain.code()).as(url).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
            assertThat(plain.addressClass()).as(url).contains(AddressClass.LOOPBACK);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0.0.0.0", "0x0", "0.0", "00", "[::]", "[::ffff:0.0.0.0]", "0x"})
    void shouldRefuseSpellingsOfTheUnspecifiedAddress(String host) {
        TargetRefused refused = refusal("https://" + host + "/");

        assertThat(refused.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(refused.addressClass()).contains(AddressClass.UNSPECIFIED);
    }

    @Test
    void shouldRefuseAnAmbiguousLiteralWhenAnyReadingOfItIsForbidden() {
        // inet_aton reads 010 as octal (8.8.8.8), Java as decimal (10.8.8.8).
        TargetRefused ambiguous = refusal("https://010.8.8.8/");
        // Both readings are public, but only the canonical spelling is accepted.
        TargetRefused hex = refusal("https://0x08.0x08.0x08.0x08/");
        TargetRefused shortForm = refusal("https://8.8.2056/");

        assertThat(ambiguous.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(ambiguous.addressClass()).contains(AddressClass.PRIVATE);
        assertThat(ambiguous.address()).contains(ip("10.8.8.8"));
        assertThat(hex.code()).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThat(shortForm.code()).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://256.0.0.1/", "https://1.2.3.4.5/", "https://0x7g.1/", "https://1.2.3.08/", "https://example.123/",
        "https://4294967296/", "https://1.16777216/", "https://[fe80::1%25eth0]/", "https://[::1%251]/",
        "https://[::ffff:0177.0.0.1]/",
        "https://%6c%6f%63%61%6c%68%6f%73%74/", "https://127.0.0.1%2f@evil.test/", "https://a..b/", "https://-a.test/",
        "https://a.test../",
    })
    void shouldRefuseHostsThatAreNeitherNamesNorValidLiteralsAsInvalid(String url) {
        TargetRefused refused = refusal(url);

        assertThat(refused.code()).as(url).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThat(refused.addressClass()).isEmpty();
    }

    // --- URL shape and scheme

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://public.test/", "HTTP://public.test/", "ftp://public.test/", "file:///etc/passwd", "gopher://public.test/",
        "ws://public.test/", "jar:file:/x!/y", "mailto:ops@public.test", "dict://127.0.0.1:11211/",
    })
    void shouldRefuseEverySchemeButHttpsInProduction(String url) {
        TargetRefused refused = refusal(url);

        assertThat(refused.code()).isEqualTo(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED);
    }

    @Test
    void shouldAllowPlainHttpOnlyWithTheDevelopmentFlag() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8");

        CheckedTarget target = TargetCheck.check(URI.create("http://public.test/hook"), PLAIN_HTTP, resolver);

        assertThat(target.scheme()).isEqualTo("http");
        assertThat(target.port()).isEqualTo(80);
        assertThat(PRODUCTION.allowPlainHttp()).isFalse();
        assertThat(refusal("http://public.test/hook", PRODUCTION, resolver).code())
                .isEqualTo(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://user@public.test/", "https://user:secret@public.test/", "https://:@public.test/",
        "https://public.test@127.0.0.1/", "https://127.0.0.1:80@public.test/",
        "https://public.test/#fragment", "https://public.test#@127.0.0.1/", "/relative/path", "//public.test/x",
        "https:///path", "https://public.test:0/", "https://public.test:65536/", "https://public.test:99999/",
        "https://public.test:-1/", "https://public.test:8O/", "https://under_score..test/",
    })
    void shouldRefuseMalformedUrlsAsInvalid(String url) {
        TargetRefused refused = refusal(url, PRODUCTION, new TestResolver().answer("public.test", "8.8.8.8"));

        assertThat(refused.code()).as(url).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
    }

    @Test
    void shouldRefuseUrlsLongerThan2048Characters() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8");
        String prefix = "https://public.test/";
        String fits = prefix + "a".repeat(TargetCheck.MAX_URL_LENGTH - prefix.length());

        assertThat(TargetCheck.check(URI.create(fits), PRODUCTION, resolver).path()).hasSize(2048 - 19);
        assertThat(refusal(fits + "a", PRODUCTION, resolver).code()).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThat(refusal(prefix + "\u00e9".repeat(700), PRODUCTION, resolver).code())
                .isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
    }

    @Test
    void shouldConvertInternationalisedHostsAndRefuseThoseThatCannotBeConverted() throws Exception {
        TestResolver resolver = new TestResolver().answer("xn--bcher-kva.example", "8.8.8.8");

        CheckedTarget target = TargetCheck.check(URI.create("https://b\u00fccher.example/x"), PRODUCTION, resolver);

        assertThat(target.host()).isEqualTo("xn--bcher-kva.example");
        assertThat(target.uri().toString()).isEqualTo("https://xn--bcher-kva.example/x");
        assertThat(refusal("https://" + "\u00fc".repeat(80) + ".example/", PRODUCTION, resolver).code())
                .isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThat(refusal("https://a\u2488b.example/", PRODUCTION, resolver).code())
                .isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
    }

    @Test
    void shouldApplyTheAllowedPorts() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8");
        TargetPolicy only443 = TargetPolicy.builder().allowedPorts(Set.of(443)).build();

        assertThat(TargetCheck.check(URI.create("https://public.test:8443/"), PRODUCTION, resolver).port()).isEqualTo(8443);
        assertThat(TargetCheck.check(URI.create("https://public.test/"), only443, resolver).port()).isEqualTo(443);
        assertThat(refusal("https://public.test:8443/", only443, resolver).code()).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThatThrownBy(() -> TargetPolicy.builder().allowedPorts(Set.of(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPolicy.builder().allowedPorts(Set.of(65536))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseANameThatDoesNotResolve() {
        TestResolver resolver = new TestResolver().answer("empty.test");
        Resolver failing = host -> {
            throw new IllegalStateException("resolver broke");
        };

        assertThat(refusal("https://nowhere.test/", PRODUCTION, resolver).code()).isEqualTo(RefusalCode.WEBHOOK_HOST_UNRESOLVED);
        assertThat(refusal("https://empty.test/", PRODUCTION, resolver).code()).isEqualTo(RefusalCode.WEBHOOK_HOST_UNRESOLVED);
        assertThat(refusal("https://broken.test/", PRODUCTION, failing).code()).isEqualTo(RefusalCode.WEBHOOK_HOST_UNRESOLVED);
    }

    // --- redirects

    @Test
    void shouldRefuseARedirectToAnotherHostBeforeResolvingIt() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8").answer("other.test", "1.1.1.1")
                .answer("internal.test", "10.0.0.1");
        TargetCheck check = new TargetCheck(PRODUCTION, resolver);
        CheckedTarget from = check.check(URI.create("https://public.test/hook"));

        for (String location : List.of("https://other.test/", "https://internal.test/", "//internal.test/x",
                "https://169.254.169.254/latest/meta-data/", "https://[::ffff:10.0.0.1]/", "https://8.8.8.8/",
                "https://public.test.evil.test/", "https://public.test@other.test/")) {
            TargetRefused refused = catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, location, 0));
            assertThat(refused).as(location).isNotNull();
            assertThat(refused.code()).as(location)
                    .isIn(RefusalCode.WEBHOOK_REDIRECT_REFUSED, RefusalCode.WEBHOOK_URL_INVALID);
        }
        assertThat(resolver.calls()).containsExactly("public.test");
    }

    @Test
    void shouldRecheckASameHostRedirectAndDropItsFragment() throws Exception {
        TestResolver resolver = new TestResolver().then("public.test", "8.8.8.8").then("public.test", "1.1.1.1");
        TargetCheck check = new TargetCheck(PRODUCTION, resolver);
        CheckedTarget from = check.check(URI.create("https://public.test/hook"));

        CheckedTarget next = check.checkRedirect(from, "/moved?to=here#part", 0);

        assertThat(next.host()).isEqualTo("public.test");
        assertThat(next.path()).isEqualTo("/moved");
        assertThat(next.query()).isEqualTo("to=here");
        assertThat(next.addresses()).containsExactly(ip("1.1.1.1"));
        assertThat(resolver.calls()).containsExactly("public.test", "public.test");
    }

    @Test
    void shouldRefuseASameHostRedirectWhoseAddressIsNowForbidden() throws Exception {
        TestResolver resolver = new TestResolver().then("rebind.test", "8.8.8.8").then("rebind.test", "169.254.169.254");
        TargetCheck check = new TargetCheck(PRODUCTION, resolver);
        CheckedTarget from = check.check(URI.create("https://rebind.test/"));

        TargetRefused refused = catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, "/again", 0));

        assertThat(refused.code()).isEqualTo(RefusalCode.WEBHOOK_ADDRESS_FORBIDDEN);
        assertThat(refused.addressClass()).contains(AddressClass.METADATA);
    }

    @Test
    void shouldRefuseRedirectsBeyondTheMaximumADowngradeToHttpAndAMissingLocation() throws Exception {
        TestResolver resolver = new TestResolver().answer("public.test", "8.8.8.8");
        TargetCheck check = new TargetCheck(PRODUCTION, resolver);
        CheckedTarget from = check.check(URI.create("https://public.test/"));

        assertThat(check.checkRedirect(from, "/2", 2).path()).isEqualTo("/2");
        assertThat(catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, "/3", 3)).code())
                .isEqualTo(RefusalCode.WEBHOOK_REDIRECT_REFUSED);
        assertThat(catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, "http://public.test/", 0)).code())
                .isEqualTo(RefusalCode.WEBHOOK_SCHEME_NOT_ALLOWED);
        assertThat(catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, " ", 0)).code())
                .isEqualTo(RefusalCode.WEBHOOK_REDIRECT_REFUSED);
        assertThat(catchThrowableOfType(TargetRefused.class, () -> check.checkRedirect(from, "https://bad host/", 0)).code())
                .isEqualTo(RefusalCode.WEBHOOK_REDIRECT_REFUSED);
        TargetCheck none = new TargetCheck(TargetPolicy.builder().maxRedirects(0).build(), resolver);
        assertThat(catchThrowableOfType(TargetRefused.class, () -> none.checkRedirect(from, "/", 0)).code())
                .isEqualTo(RefusalCode.WEBHOOK_REDIRECT_REFUSED);
    }

    // --- policies

    @Test
    void shouldRefuseLoopbackInProductionAndPermitOnlyLoopbackInTheTestPolicy() throws Exception {
        TargetPolicy tests = TargetPolicy.forTestsAllowingLoopback();

        for (AddressClass c : AddressClass.values()) {
            assertThat(PRODUCTION.permits(c)).as(c.name()).isEqualTo(c == AddressClass.PUBLIC);
            assertThat(PLAIN_HTTP.permits(c)).as(c.name()).isEqualTo(c == AddressClass.PUBLIC);
            assertThat(tests.permits(c)).as(c.name()).isEqualTo(c == AddressClass.PUBLIC || c == AddressClass.LOOPBACK);
        }
        assertThat(TargetCheck.check(URI.create("http://127.0.0.1:8080/"), tests, TestResolver.never()).port())
                .isEqualTo(8080);
        assertThat(refusal("http://10.0.0.1/", tests, TestResolver.never()).addressClass()).contains(AddressClass.PRIVATE);
        assertThat(refusal("http://169.254.169.254/", tests, TestResolver.never()).addressClass())
                .contains(AddressClass.METADATA);
        assertThat(refusal("http://127.1/", tests, TestResolver.never()).code()).isEqualTo(RefusalCode.WEBHOOK_URL_INVALID);
        assertThat(PRODUCTION.maxRedirects()).isEqualTo(3);
        assertThat(PRODUCTION.allowedPorts()).isEmpty();
        assertThat(PRODUCTION.isPortAllowed(0)).isFalse();
        assertThat(PRODUCTION.isPortAllowed(65535)).isTrue();
    }

    @Test
    void shouldResolveOnlyLiteralsWithTheSystemResolverInTests() throws Exception {
        assertThat(Resolver.system().resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }
}
