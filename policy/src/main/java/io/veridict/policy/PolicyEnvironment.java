package io.veridict.policy;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The one CEL environment every rule is compiled and run in: a single variable {@code ctx} of
 * type {@code map(string, dyn)}, the standard macros, and the CEL standard functions less those
 * whose result depends on something other than their arguments or differs between CEL
 * implementations. No extension library is enabled, and nothing reads a clock, a random source,
 * the network, the environment or the time-zone database.
 *
 * <p>The compiler, runtime and validator are immutable and shared by all threads.
 *
 * @see "docs/policies.md §3 Environment"
 */
final class PolicyEnvironment {

    /** The name of the one variable rules see: the decision context. */
    static final String CONTEXT_VARIABLE = "ctx";

    /**
     * Standard overloads that are not available, by CEL overload id. Time-zone accessors
     * ({@code getHours("Europe/Paris")}) read the platform's time-zone database; turning a double,
     * timestamp or duration into a string, and parsing numbers and booleans out of strings,
     * follow each implementation's own formatting and parsing rules.
     */
    static final Set<String> EXCLUDED_OVERLOADS = Set.of(
            "timestamp_to_year_with_tz", "timestamp_to_month_with_tz", "timestamp_to_day_of_year_with_tz",
            "timestamp_to_day_of_month_with_tz", "timestamp_to_day_of_month_1_based_with_tz",
            "timestamp_to_day_of_week_with_tz", "timestamp_to_hours_with_tz", "timestamp_to_minutes_with_tz",
            "timestamp_to_seconds_with_tz", "timestamp_to_milliseconds_with_tz",
            "double_to_string", "timestamp_to_string", "duration_to_string",
            "string_to_int64", "string_to_uint64", "string_to_double", "string_to_bool");

    /**
     * String orderings, which CEL-Java computes over UTF-16 code units; they are replaced by
     * orderings over Unicode code points, as the CEL specification and other implementations have.
     */
    private static final Set<String> STRING_ORDERINGS = Set.of(
            "less_string", "less_equals_string", "greater_string", "greater_equals_string");

    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .errorOnDuplicateMapKeys(true)
            .comprehensionMaxIterations(PolicyLimits.MAX_ITERATIONS)
            .maxRegexProgramSize(PolicyLimits.MAX_REGEX_PROGRAM_SIZE)
            .maxExpressionCodePointSize(PolicyLimits.MAX_CONDITION_CODE_POINTS)
            .maxParseRecursionDepth(PolicyLimits.MAX_PARSE_DEPTH)
            .build();

    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder()
                    .filterFunctions((function, overload) -> !function.name().startsWith("OLD_")
                            && !EXCLUDED_OVERLOADS.contains(overload.celOverloadDecl().overloadId()))
                    .build())
            .addVar(CONTEXT_VARIABLE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .setStandardEnvironmentEnabled(false)
            .setStandardFunctions(CelStandardFunctions.newBuilder()
                    .filterFunctions((function, overload) -> {
                        String id = ((Enum<?>) overload).name().toLowerCase(Locale.ROOT);
                        return !EXCLUDED_OVERLOADS.contains(id) && !STRING_ORDERINGS.contains(id);
                    })
                    .build())
            .addFunctionBindings(
                    stringOrdering("less_string", (a, b) -> compareCodePoints(a, b) < 0),
                    stringOrdering("less_equals_string", (a, b) -> compareCodePoints(a, b) <= 0),
                    stringOrdering("greater_string", (a, b) -> compareCodePoints(a, b) > 0),
                    stringOrdering("greater_equals_string", (a, b) -> compareCodePoints(a, b) >= 0))
            .build();

    /** Checks literal regular expressions, timestamps and durations when a rule is compiled. */
    static final CelValidator VALIDATOR = CelValidatorFactory.standardCelValidatorBuilder(COMPILER, RUNTIME)
            .addAstValidators(RegexLiteralValidator.INSTANCE, TimestampLiteralValidator.INSTANCE,
                    DurationLiteralValidator.INSTANCE)
            .build();

    /** Matches the empty string against ctx.p: compiles the pattern under the runtime's limits. */
    private static final CelRuntime.Program PATTERN_CHECK = program("''.matches(ctx.p)");

    private PolicyEnvironment() {
    }

    /**
     * Whether a regular expression compiles within {@link PolicyLimits#MAX_REGEX_PROGRAM_SIZE}
     * (its syntax is checked by the validator before).
     */
    static boolean patternFits(String pattern) {
        try {
            PATTERN_CHECK.eval(Map.of(CONTEXT_VARIABLE, Map.of("p", pattern)));
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    private static CelRuntime.Program program(String expression) {
        try {
            return RUNTIME.createProgram(COMPILER.compile(expression).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("the built-in expression " + expression + " does not compile", e);
        }
    }

    /**
     * Compares two strings by their Unicode code points, which is also the order of their UTF-8
     * bytes. {@link String#compareTo} compares UTF-16 code units and puts U+FF21 after U+1F600.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static CelFunctionBinding stringOrdering(String overloadId, BiPredicate<String, String> test) {
        return CelFunctionBinding.from(overloadId, String.class, String.class, test::test);
    }
}
