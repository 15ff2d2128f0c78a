package io.veridict.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The options of {@code veridict bench}.
 *
 * @param quick          tiny sizes, for a smoke run ({@link BenchSizes#quick()})
 * @param jsonFile       where to write the report as JSON, if anywhere
 * @param runs           how many times each measurement is repeated (its median is reported)
 * @param commitInterval the Streams commit interval of the chain-throughput measurement; empty
 *                       means the value {@code veridict dev} runs with
 * @param only           which measurements to run
 * @param generator      what drives the closed-loop HTTP load
 */
public record BenchOptions(boolean quick, Optional<Path> jsonFile, int runs, Optional<Duration> commitInterval, Group only,
                           Generator generator) {

    /** What drives the closed-loop HTTP load ({@link LoadGenerators#choose}). */
    public enum Generator {
        /** wrk when it is on PATH, else the in-JVM client. */
        AUTO,
        /** wrk; the benchmark fails without it. */
        WRK,
        /** The in-JVM client (JDK HttpClient), even when wrk is installed: to compare generators. */
        JVM
    }

    /** A subset of the measurements, for working on one figure. */
    public enum Group {
        /** Every measurement. */
        ALL,
        /** Raw producer, chain throughput and replay (1, 2, 5): no HTTP load. */
        KAFKA,
        /** Baselines, single records, open loop, hot tenant and batches through the API (3, 3a, 3b, 3c, 4). */
        HTTP,
        /** Proof latency over one large tenant (6). */
        PROOFS;

        boolean kafka() {
            return this == ALL || this == KAFKA;
        }

        boolean http() {
            return this == ALL || this == HTTP;
        }

        boolean proofs() {
            return this == ALL || this == PROOFS;
        }
    }

    /** Most runs a benchmark accepts: keeps it bounded in time. */
    public static final int MAX_RUNS = 10;

    private static final String QUICK = "bench_quick";
    private static final String JSON = "bench_json";
    private static final String RUNS = "bench_runs";
    private static final String COMMIT_INTERVAL = "bench_commit_interval";
    private static final String ONLY = "bench_only";
    private static final String GENERATOR = "bench_generator";

    public BenchOptions {
        if (runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("--runs must be 1 to " + MAX_RUNS + ", got " + runs);
        }
        commitInterval.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--commit-interval must be positive, got " + d);
            }
        });
    }

    /** @return the sizes these options ask for */
    public BenchSizes sizes() {
        return quick ? BenchSizes.quick() : BenchSizes.full();
    }

    /** Declares the options on the command's parser. */
    public static void addTo(Subparser parser) {
        parser.addArgument("--quick").dest(QUICK).action(Arguments.storeTrue())
                .help("tiny sizes: a smoke run of every measurement (under a minute)");
        parser.addArgument("--json").dest(JSON).metavar("FILE")
                .help("also write the report as JSON to FILE");
        parser.addArgument("--runs").dest(RUNS).type(Integer.class).setDefault(3).metavar("N")
                .help("repeat every measurement N times (1-" + MAX_RUNS + ") and report the median; default 3");
        parser.addArgument("--commit-interval").dest(COMMIT_INTERVAL).metavar("DURATION")
                .help("Streams commit interval of the chain-throughput measurement, e.g. 100ms; "
                        + "default: the value veridict dev runs with");
        parser.addArgument("--only").dest(ONLY).choices("all", "kafka", "http", "proofs").setDefault("all")
                .help("run only the Kafka measurements (1, 2, 5), only the HTTP ones (3, 3a, 3b, 3c, 4) or only the proof"
                        + " latency (6); default all");
        parser.addArgument("--generator").dest(GENERATOR).choices("auto", "wrk", "jvm").setDefault("auto")
                .help("closed-loop HTTP load: wrk (must be on PATH), jvm (the JDK HttpClient in this JVM), "
                        + "or auto: wrk when it is on PATH; default auto");
    }

    /** Reads the options from parsed arguments. */
    public static BenchOptions from(Namespace namespace) {
        String json = namespace.getString(JSON);
        String interval = namespace.getString(COMMIT_INTERVAL);
        Integer runs = namespace.getInt(RUNS);
        return new BenchOptions(Boolean.TRUE.equals(namespace.getBoolean(QUICK)),
                Optional.ofNullable(json).map(Path::of),
                runs == null ? 3 : runs,
                Optional.ofNullable(interval).map(BenchOptions::parseDuration),
                Group.valueOf(Optional.ofNullable(namespace.getString(ONLY)).orElse("all").toUpperCase(Locale.ROOT)),
                Generator.valueOf(Optional.ofNullable(namespace.getString(GENERATOR)).orElse("auto").toUpperCase(Locale.ROOT)));
    }

    /** Parses a Dropwizard-style duration such as {@code 20ms} or {@code 1s}. */
    static Duration parseDuration(String text) {
        try {
            return Duration.ofMillis(io.dropwizard.util.Duration.parse(text.trim()).toMilliseconds());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration (e.g. 20ms, 1s): '" + text + "'", e);
        }
    }
}
