package io.veridict.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.veridict.api.cli.DevCommand;
import io.veridict.verifier.cli.StderrLogging;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict bench [--quick] [--json FILE] [--runs N] [--commit-interval D]}: measures the
 * figures Veridict's performance targets are judged by, all in one run on an embedded dev stack
 * started for the purpose (a child {@code veridict dev} on free ports, deleted afterwards), each
 * with its baseline from the same run. Progress goes to stderr, the table to stdout; see
 * {@code docs/benchmarks.md}.
 */
public final class BenchCommand extends Command {

    /** The JDK HTTP client's keep-alive for idle pooled connections, in seconds (default 1200). */
    static final String CLIENT_KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";
    static final String CLIENT_KEEP_ALIVE_SECONDS = "10";

    public BenchCommand() {
        super("bench", "Measures throughput and latency against a temporary embedded dev stack");
    }

    @Override
    public void configure(Subparser subparser) {
        BenchOptions.addTo(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        // Before the first HttpClient: keep idle connections for less than the service's 30 s
        // idle timeout, or a request may go out on a connection the service is closing.
        if (System.getProperty(CLIENT_KEEP_ALIVE_PROPERTY) == null) {
            System.setProperty(CLIENT_KEEP_ALIVE_PROPERTY, CLIENT_KEEP_ALIVE_SECONDS);
        }
        StderrLogging.install();
        BenchOptions options = BenchOptions.from(namespace);
        PrintStream progress = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        BenchReport report = new Benchmark(options, DevConfig.read(DevCommand.DEV_CONFIG), progress).run();
        ReportOutput.print(report, System.out);
        if (options.jsonFile().isPresent()) {
            ReportOutput.writeJson(report, options.jsonFile().get(), new ObjectMapper());
            progress.println("bench: JSON report written to " + options.jsonFile().get().toAbsolutePath());
        }
    }
}
