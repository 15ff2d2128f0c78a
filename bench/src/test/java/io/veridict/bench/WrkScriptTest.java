package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lua script wrk runs: static for bare Jetty, a request per call with its own key and tenant otherwise. */
class WrkScriptTest {

    private static final LoadRequest RECORD = new LoadRequest("POST", URI.create("http://localhost:8080/v1/decisions/record"),
            List.of(new LoadRequest.TenantAuth("t-00", "vdk_a\"b"), new LoadRequest.TenantAuth("t-01", "vdk_c")),
            "{\"note\":\"Zoë ]] ]=]\"}".getBytes(StandardCharsets.UTF_8), "c32-1-abc", Set.of(201, 200));

    @Test
    void shouldLeaveBareJettyToWrksStaticRequestAndStillCountStatuses() {
        String lua = WrkScript.render(LoadRequest.ping(URI.create("http://localhost:8081")));

        assertThat(lua).contains("function response(status, headers, body)", "function done(summary, latency, requests)",
                "veridict-wrk latency_us", "latency:percentile(99.0)").doesNotContain("function request()");
    }

    @Test
    void shouldBuildEachRequestWithAUniqueKeyAndItsTenantsCredentials() {
        String lua = WrkScript.render(RECORD);

        assertThat(lua).contains("function request()", "local method = \"POST\"", "local prefix = \"c32-1-abc\"",
                "{\"t-00\", \"Bearer vdk_a\\\"b\"}", "{\"t-01\", \"Bearer vdk_c\"}",
                "headers[\"Idempotency-Key\"] = prefix .. \"-\" .. tid .. \"-\" .. n",
                "local body = [==[{\"note\":\"Zoë ]] ]=]\"}]==]");
    }

    @Test
    void shouldSendNoKeyWithoutAPrefix() {
        LoadRequest floor = new LoadRequest("POST", RECORD.uri(), RECORD.tenants(), RECORD.body(), null, Set.of(400));

        assertThat(WrkScript.render(floor)).contains("local prefix = nil");
    }

    @Test
    void shouldQuoteAnythingButPrintableAsciiAsByteEscapes() {
        assertThat(WrkScript.quote("a\"\\ö\n")).isEqualTo("\"a\\\"\\\\\\195\\182\\010\"");
    }

    @Test
    void shouldPickALongBracketLevelTheTextDoesNotClose() {
        assertThat(WrkScript.longString("x")).isEqualTo("[[x]]");
        assertThat(WrkScript.longString("a]]b")).isEqualTo("[=[a]]b]=]");
        assertThat(WrkScript.longString("a]")).isEqualTo("[=[a]]=]");
        assertThatThrownBy(() -> WrkScript.longString("\nx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindWrkOnThePath(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path wrk = Files.writeString(bin.resolve("wrk"), "#!/bin/sh\n");
        Path notExecutable = Files.createDirectory(dir.resolve("plain"));
        Files.writeString(notExecutable.resolve("wrk"), "");
        wrk.toFile().setExecutable(true);

        assertThat(Wrk.locate(empty + ":" + notExecutable + "::" + bin)).contains(wrk.toAbsolutePath());
        assertThat(Wrk.locate(empty.toString())).isEmpty();
        assertThat(Wrk.locate(null)).isEmpty();
    }
}
