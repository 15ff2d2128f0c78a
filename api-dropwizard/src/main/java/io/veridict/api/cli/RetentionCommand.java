package io.veridict.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict retention plan|apply}: the retention job of one tenant, through a running
 * service's API. {@code plan} shows what a run would erase now (changing nothing); {@code apply}
 * runs it. The API key comes from {@code VERIDICT_KEY} or {@code --key-file}, never from the
 * command line. Exit codes: 0 answered, 1 the service refused or could not be reached, 2 usage.
 */
public final class RetentionCommand extends Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RetentionCommand() {
        super("retention", "Shows (plan) or runs (apply) the retention job of a tenant through the API");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("plan", "apply").help("plan: what a run would erase now; apply: run it");
        subparser.addArgument("--url").setDefault("http://localhost:8080").help("the service's API base URL");
        subparser.addArgument("--tenant").setDefault(System.getenv().getOrDefault("VERIDICT_TENANT", ""))
                .help("the tenant (default: $VERIDICT_TENANT)");
        subparser.addArgument("--key-file").help("a file holding the API key (default: $VERIDICT_KEY)");
        subparser.addArgument("--timeout").type(Integer.class).setDefault(60).help("seconds to wait for the answer")
                .action(Arguments.store());
    }

    @Override
    @SuppressWarnings("SystemOut")
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        String tenant = namespace.getString("tenant");
        String key = key(namespace.getString("key_file"));
        if (tenant == null || tenant.isBlank() || key == null || key.isBlank()) {
            System.err.println("veridict retention: needs a tenant (--tenant or VERIDICT_TENANT) and an API key "
                    + "(VERIDICT_KEY or --key-file)");
            System.exit(2);
        }
        boolean apply = "apply".equals(namespace.getString("action"));
        URI base = URI.create(namespace.getString("url").replaceAll("/+$", "") + "/");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(apply ? "v1/retention/runs" : "v1/retention/plan"))
                .timeout(Duration.ofSeconds(namespace.getInt("timeout")))
                .header("Authorization", "Bearer " + key).header("X-Veridict-Tenant-Id", tenant);
        if (apply) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.GET();
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("veridict retention: cannot reach " + base + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        JsonNode json = JSON.readTree(answer.body());
        if (answer.statusCode() != 200) {
            System.err.println("veridict retention: " + answer.statusCode() + " " + json.path("code").asText() + ": "
                    + json.path("message").asText() + " (correlation id " + json.path("correlation_id").asText() + ")");
            System.exit(1);
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static String key(String file) throws IOException {
        if (file != null) {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
        }
        return System.getenv("VERIDICT_KEY");
    }
}
