package io.veridict.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.veridict.policy.PolicyException;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.verifier.ExportFormatException;
import io.veridict.verifier.ExportReader;
import io.veridict.verifier.cli.VerifyExit;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict reevaluate --file EXPORT [--policy DOCUMENT]... [--json]}: re-runs every decision
 * of an export that was recorded with an evaluation, against the policy document it names, and
 * reports each one whose recorded result differs (docs/policies.md §14). Exit 0: every evaluated
 * decision agrees; 1: a difference, or a decision that could not be re-evaluated; 2: no verdict
 * (unreadable export or document).
 */
public final class ReevaluateCommand extends Command {

    public static final int EXIT_AGREED = 0;
    public static final int EXIT_DIFFERS = 1;
    public static final int EXIT_UNUSABLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReevaluateCommand() {
        super("reevaluate", "Re-runs the policy evaluation of every evaluated decision of an export and reports any that differs");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--file").required(true).metavar("EXPORT")
                .help("an export (GET /v1/audit/export), or - for standard input");
        subparser.addArgument("--policy").action(Arguments.append()).metavar("DOCUMENT")
                .help("a policy document (JSON) to use besides those the export publishes; may be repeated");
        subparser.addArgument("--json").action(Arguments.storeTrue()).help("print the report as JSON");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        throw new VerifyExit(run(namespace, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    static int run(Namespace namespace, PrintStream out, PrintStream err) {
        Reevaluation reevaluation = new Reevaluation();
        List<String> policies = namespace.getList("policy");
        for (String file : policies == null ? List.<String>of() : policies) {
            try {
                reevaluation.addDocument(CanonicalJson.parseStrict(Files.readAllBytes(Path.of(file))));
            } catch (IOException | RuntimeException e) {
                err.println("veridict reevaluate: cannot use the policy document " + file + ": " + e.getMessage());
                return EXIT_UNUSABLE;
            }
        }
        String file = namespace.getString("file");
        Reevaluation.Report report;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
             ExportReader export = ExportReader.open(in)) {
            report = reevaluation.run(export);
        } catch (ExportFormatException e) {
            err.println("veridict reevaluate: not a readable export: " + e.getMessage());
            return EXIT_UNUSABLE;
        } catch (IOException e) {
            err.println("veridict reevaluate: cannot read " + file + ": " + e.getMessage());
            return EXIT_UNUSABLE;
        } catch (PolicyException e) {
            err.println("veridict reevaluate: a policy document cannot be compiled: " + e.getMessage());
            return EXIT_UNUSABLE;
        }
        if (namespace.getBoolean("json")) {
            out.println(json(report).toPrettyString());
        } else {
            text(report, out);
        }
        return report.clean() ? EXIT_AGREED : EXIT_DIFFERS;
    }

    private static void text(Reevaluation.Report report, PrintStream out) {
        out.printf("Tenant            %s%n", report.tenantId());
        out.printf("Entries           %d (%d payloads erased)%n", report.entries(), report.erased());
        out.printf("Evaluated         %d decisions recorded with an evaluation (%d overrides)%n", report.evaluated(),
                report.overrides());
        out.printf("Agree             %d%n", report.agreed());
        out.printf("Differ            %d%n", report.differences().size());
        out.printf("Not re-evaluated  %d%n", report.unchecked().size());
        for (Reevaluation.Difference d : report.differences()) {
            out.printf("%nseq %d%s: %s%n  recorded:     %s%n  re-evaluated: %s%n", d.seq(),
                    d.decisionId() == null ? "" : " (decision " + d.decisionId() + ")", d.problem(), d.recorded(),
                    d.reevaluated());
        }
        for (Reevaluation.Unchecked u : report.unchecked()) {
            out.printf("%nseq %d%s: not re-evaluated: %s%n", u.seq(),
                    u.decisionId() == null ? "" : " (decision " + u.decisionId() + ")", u.reason());
        }
        out.println();
        out.println(report.clean() ? "RESULT: every evaluated decision re-evaluates to what was recorded"
                : "RESULT: DIFFERENCES FOUND");
    }

    private static JsonNode json(Reevaluation.Report report) {
        ObjectNode node = JSON.createObjectNode().put("tenant_id", report.tenantId()).put("entries", report.entries())
                .put("erased", report.erased()).put("evaluated", report.evaluated()).put("overrides", report.overrides())
                .put("agreed", report.agreed()).put("clean", report.clean());
        ArrayNode differences = node.putArray("differences");
        for (Reevaluation.Difference d : report.differences()) {
            ObjectNode item = differences.addObject().put("seq", d.seq()).put("decision_id", d.decisionId())
                    .put("problem", d.problem());
            item.set("recorded", d.recorded());
            item.set("reevaluated", d.reevaluated());
        }
        ArrayNode unchecked = node.putArray("not_reevaluated");
        for (Reevaluation.Unchecked u : report.unchecked()) {
            unchecked.addObject().put("seq", u.seq()).put("decision_id", u.decisionId()).put("reason", u.reason());
        }
        return node;
    }

    /** Exits with the outcome's code, after the output is flushed. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        VerdictExit.exit("reevaluate", e);
    }
}
