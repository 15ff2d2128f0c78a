package io.veridict.policy;

import static io.veridict.policy.TestPolicies.allViolations;
import static io.veridict.policy.TestPolicies.firstMatch;
import static io.veridict.policy.TestPolicies.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code docs/test-vectors/policies.json}. Outcomes, violations, errors and refusals
 * are written here by hand; {@link PolicyVectorGenerator} checks the engine against them and adds
 * the hashes.
 */
final class PolicyVectorCases {

    /**
     * One case.
     *
     * @param contextJson the context's exact JSON text, or {@code null} for a policy the compiler refuses
     * @param outcome the expected outcome, or {@code null} when the case expects a refusal
     * @param violations ids of the violated rules, in rule order
     * @param errors {@code rule_id:CODE} of the failing rules, in rule order
     * @param refusal the expected refusal {@code CODE} or {@code CODE:rule_id}, or {@code null}
     */
    record Case(String name, String description, ObjectNode policy, String contextJson, String outcome,
            List<String> violations, List<String> errors, String refusal) {
    }

    private final List<Case> cases = new ArrayList<>();

    private PolicyVectorCases() {
    }

    static List<Case> all() {
        PolicyVectorCases v = new PolicyVectorCases();
        v.outcomes();
        v.numbers();
        v.missingFieldsAndTypes();
        v.unavailableOverloads();
        v.strings();
        v.timestamps();
        v.refusedPolicies();
        v.refusedContexts();
        v.twentyRules();
        return v.cases;
    }

    /** The credit policy of the first cases: first match, three rules. */
    static ObjectNode creditPolicy() {
        return firstMatch(
                outcome(rule("amount-over-limit", "HIGH", "ctx.amount_eur > 50000"), "DENY"),
                outcome(rule("sanctioned-country", "CRITICAL", "ctx.country in ['KP', 'IR', 'SY']"), "DENY"),
                outcome(rule("new-customer", "MEDIUM", "ctx.customer_days < 30"), "REVIEW"));
    }

    /** A policy of twenty rules, typical of a payment screen, and a context that violates some. */
    static ObjectNode twentyRulePolicy() {
        return allViolations(
                rule("amount-high", "MEDIUM", "ctx.amount > 10000.0"),
                rule("amount-very-high", "HIGH", "ctx.amount > 100000.0"),
                rule("amount-not-positive", "HIGH", "ctx.amount <= 0.0"),
                rule("currency-unsupported", "HIGH", "!(ctx.currency in ['EUR', 'USD', 'GBP', 'CHF'])"),
                rule("country-sanctioned", "CRITICAL", "ctx.payee.country in ['KP', 'IR', 'SY', 'CU']"),
                rule("country-mismatch", "LOW", "ctx.payee.country != ctx.payer.country"),
                rule("payee-new", "MEDIUM", "ctx.payee.age_days < 7.0"),
                rule("payer-unverified", "HIGH", "!ctx.payer.kyc_verified"),
                rule("velocity", "MEDIUM", "ctx.payer.payments_24h > 20.0"),
                rule("round-amount", "INFO", "ctx.amount == double(int(ctx.amount)) && int(ctx.amount) % 1000 == 0"),
                rule("night", "LOW", "timestamp(ctx.at).getHours() < 5"),
                rule("weekend", "INFO", "timestamp(ctx.at).getDayOfWeek() in [0, 6]"),
                rule("reference-missing", "LOW", "!has(ctx.reference) || size(ctx.reference) == 0"),
                rule("reference-suspicious", "HIGH",
                        "has(ctx.reference) && ctx.reference.matches('(?i)(gift ?card|crypto|urgent)')"),
                rule("iban-format", "MEDIUM", "!ctx.payee.iban.matches('^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$')"),
                rule("device-new", "LOW", "ctx.device.first_seen_days < 1.0"),
                rule("device-emulator", "HIGH", "ctx.device.flags.exists(f, f == 'emulator' || f == 'rooted')"),
                rule("split-payment", "MEDIUM",
                        "ctx.recent.filter(p, p.payee == ctx.payee.iban).size() >= 3"),
                rule("recent-total", "MEDIUM",
                        "ctx.recent.map(p, p.amount).exists(a, a > 5000.0) && ctx.amount > 5000.0"),
                rule("channel-api-large", "LOW", "ctx.channel == 'api' && ctx.amount > 50000.0"));
    }

    static String twentyRuleContext() {
        return """
                {"amount": 12000, "currency": "EUR", "at": "2025-03-08T03:15:00Z", "channel": "web",
                 "reference": "Invoice 2025-114",
                 "payer": {"country": "FR", "kyc_verified": true, "payments_24h": 3},
                 "payee": {"country": "DE", "iban": "DE89370400440532013000", "age_days": 2},
                 "device": {"first_seen_days": 400, "flags": []},
                 "recent": [{"payee": "DE89370400440532013000", "amount": 6000},
                            {"payee": "FR7630006000011234567890189", "amount": 40}]}""";
    }

    private void outcomes() {
        String ctx = "{\"amount_eur\": 60000, \"country\": \"FR\", \"customer_days\": 400}";
        add("first-match-deny", "The first rule is violated: its outcome, and no later rule is evaluated.",
                creditPolicy(), ctx, "DENY", List.of("amount-over-limit"), List.of());
        add("first-match-later-rule", "Only the third rule is violated: its own outcome.",
                creditPolicy(), "{\"amount_eur\": 100, \"country\": \"FR\", \"customer_days\": 3}", "REVIEW",
                List.of("new-customer"), List.of());
        add("first-match-default", "No rule is violated: the default outcome.",
                creditPolicy(), "{\"amount_eur\": 100, \"country\": \"FR\", \"customer_days\": 400}", "APPROVE",
                List.of(), List.of());
        add("first-match-error-stops", "The first rule fails (no amount_eur): ERROR, and the later rules,"
                + " though the third would match, are not evaluated.",
                creditPolicy(), "{\"country\": \"FR\", \"customer_days\": 3}", "ERROR",
                List.of(), List.of("amount-over-limit:NO_SUCH_KEY"));

        ObjectNode screen = allViolations(
                rule("low", "LOW", "ctx.a > 1"),
                rule("high", "HIGH", "ctx.b > 1"),
                rule("medium", "MEDIUM", "ctx.c > 1"));
        add("all-violations-highest-severity", "LOW and HIGH are violated: every violation in rule order, and"
                + " the outcome of HIGH.", screen, "{\"a\": 2, \"b\": 2, \"c\": 0}", "DENY",
                List.of("low", "high"), List.of());
        add("all-violations-medium", "LOW and MEDIUM: the outcome of MEDIUM.", screen,
                "{\"a\": 2, \"b\": 0, \"c\": 2}", "REVIEW", List.of("low", "medium"), List.of());
        add("all-violations-none", "Nothing violated: the default outcome.", screen,
                "{\"a\": 0, \"b\": 0, \"c\": 0}", "APPROVE", List.of(), List.of());
        add("all-violations-error-keeps-violations", "One rule fails (c is a string): ERROR, with the"
                + " violations of the other rules still listed.", screen, "{\"a\": 2, \"b\": 2, \"c\": \"2\"}",
                "ERROR", List.of("low", "high"), List.of("medium:NO_SUCH_OVERLOAD"));
    }

    private void numbers() {
        ObjectNode kinds = allViolations(
                rule("is-double", "LOW", "type(ctx.n) == double && type(ctx.m) == double"),
                rule("equals-int-literal", "LOW", "ctx.n == 1 && ctx.m == 1"),
                rule("compares-with-int", "LOW", "ctx.n < 2 && ctx.n >= 1 && ctx.m > 0u"),
                rule("double-arithmetic", "LOW", "ctx.n + 1.0 == 2.0 && ctx.n * 0.5 == 0.5"));
        add("numbers-integer-is-double", "Every JSON number is a CEL double, 1 as well as 1.0;"
                + " == and < compare doubles with int and uint literals by value.",
                kinds, "{\"n\": 1, \"m\": 1.0}", "APPROVE",
                List.of("is-double", "equals-int-literal", "compares-with-int", "double-arithmetic"), List.of());
        add("numbers-other-spellings", "1e0 and 100e-2 have the canonical text 1: the same context hash as"
                + " numbers-integer-is-double.", kinds, "{\"m\": 100e-2, \"n\": 1e0}", "APPROVE",
                List.of("is-double", "equals-int-literal", "compares-with-int", "double-arithmetic"), List.of());
        add("numbers-int-arithmetic-on-json-number", "Arithmetic does not mix double and int: ctx.n + 1 has no"
                + " overload at run time; int(ctx.n) + 1 has.",
                allViolations(rule("mixed", "LOW", "ctx.n + 1 == 2"), rule("converted", "LOW", "int(ctx.n) + 1 == 2")),
                "{\"n\": 1}", "ERROR", List.of("converted"), List.of("mixed:NO_SUCH_OVERLOAD"));
        add("numbers-beyond-2-53", "9007199254740992 (2^53) is exact, and adding 1.0 to it changes nothing;"
                + " 18446744073709552000 is a canonical number above the int64 range, compared by value, but"
                + " int() of it overflows.",
                allViolations(
                        rule("ulp", "LOW", "ctx.max + 1.0 == ctx.max && ctx.max - 1.0 != ctx.max"),
                        rule("above-int64", "LOW", "ctx.big > 9223372036854775807 && ctx.big == 18446744073709551616.0"),
                        rule("to-int", "LOW", "int(ctx.big) > 0")),
                "{\"max\": 9007199254740992, \"big\": 18446744073709552000}", "ERROR",
                List.of("ulp", "above-int64"), List.of("to-int:NUMERIC_OVERFLOW"));
        add("numbers-2-53-plus-1-refused", "9007199254740993 has no exact double: the context is refused"
                + " (send such numbers as strings).",
                firstMatch(rule("any", "true")), "{\"n\": 9007199254740993}", null, List.of(), List.of(),
                "CONTEXT_INVALID");
        add("numbers-2-63-refused", "9223372036854775808 (2^63) is a double, but its canonical text is"
                + " 9223372036854776000, another number: refused.",
                firstMatch(rule("any", "true")), "{\"n\": 9223372036854775808}", null, List.of(), List.of(),
                "CONTEXT_INVALID");
        add("numbers-negative-zero", "-0 and -0.0 are 0 (canonical text 0): dividing by them gives +infinity."
                + " The context hash is that of {\"w\":0,\"z\":0}.",
                allViolations(rule("positive-infinity", "LOW", "1.0 / ctx.z > 1e308 && 1.0 / ctx.w > 1e308"),
                        rule("equals-zero", "LOW", "ctx.z == 0.0 && ctx.w == 0")),
                "{\"z\": -0, \"w\": -0.0}", "APPROVE", List.of("positive-infinity", "equals-zero"), List.of());
        add("numbers-division", "Double division follows IEEE 754 (x / 0.0 is infinite, 10 / 3 rounds);"
                + " int division truncates toward zero and fails on zero.",
                allViolations(
                        rule("double-by-zero", "LOW", "ctx.ten / ctx.zero > 1e308 && -ctx.ten / ctx.zero < -1e308"),
                        rule("double-thirds", "LOW", "ctx.ten / 3.0 == 3.3333333333333335"),
                        rule("int-truncates", "LOW", "int(ctx.ten) / 3 == 3 && -7 / 2 == -3 && -7 % 2 == -1"),
                        rule("int-by-zero", "LOW", "int(ctx.ten) / int(ctx.zero) == 0"),
                        rule("sum-rounds", "LOW", "0.1 + 0.2 == 0.30000000000000004")),
                "{\"ten\": 10, \"zero\": 0}", "ERROR",
                List.of("double-by-zero", "double-thirds", "int-truncates", "sum-rounds"),
                List.of("int-by-zero:DIVISION_BY_ZERO"));
    }

    private void missingFieldsAndTypes() {
        add("missing-fields", "has() tests presence without failing; reading a missing member fails with"
                + " NO_SUCH_KEY; || and && absorb a failure when the other side decides.",
                allViolations(
                        rule("has-absent", "LOW", "!has(ctx.opt) && !('opt' in ctx)"),
                        rule("has-present", "LOW", "has(ctx.present) && has(ctx.nested.inner)"),
                        rule("read-absent", "LOW", "ctx.opt == 1"),
                        rule("read-absent-nested", "LOW", "ctx.nested.other == 1"),
                        rule("absorbed-or", "LOW", "ctx.opt > 1 || true"),
                        rule("absorbed-and", "LOW", "!(ctx.opt > 1 && false)"),
                        rule("guarded", "LOW", "has(ctx.opt) && ctx.opt > 1")),
                "{\"present\": 1, \"nested\": {\"inner\": null}}", "ERROR",
                List.of("has-absent", "has-present", "absorbed-or", "absorbed-and"),
                List.of("read-absent:NO_SUCH_KEY", "read-absent-nested:NO_SUCH_KEY"));
        add("null-values", "A JSON null is CEL null: present, equal to null, and no number.",
                allViolations(
                        rule("is-null", "LOW", "has(ctx.x) && ctx.x == null && ctx.x != 0"),
                        rule("compared", "LOW", "ctx.x > 1")),
                "{\"x\": null}", "ERROR", List.of("is-null"), List.of("compared:NO_SUCH_OVERLOAD"));
        add("runtime-type-errors", "Operations on the wrong runtime type fail: a comparison or arithmetic with"
                + " NO_SUCH_OVERLOAD, a non-bool operand of && or || with INVALID_ARGUMENT. Equality across types"
                + " is false, not a failure.",
                allViolations(
                        rule("string-vs-number", "LOW", "ctx.name > 1"),
                        rule("string-as-bool", "LOW", "ctx.name && true"),
                        rule("string-negated", "LOW", "!ctx.name"),
                        rule("cross-type-equality", "LOW", "ctx.name != 1 && ctx.one != '1' && ctx.list != {}")),
                "{\"name\": \"x\", \"one\": 1, \"list\": [\"a\", \"b\"]}", "ERROR",
                List.of("cross-type-equality"),
                List.of("string-vs-number:NO_SUCH_OVERLOAD", "string-as-bool:INVALID_ARGUMENT",
                        "string-negated:NO_SUCH_OVERLOAD"));
        add("list-indexes", "A list index may be an int or a JSON number with an integral value; a literal"
                + " double index does not type-check against a list and fails; a fractional index, like one outside"
                + " the list, fails with INDEX_OUT_OF_RANGE.",
                allViolations(
                        rule("json-number-index", "LOW", "ctx.list[ctx.one] == 'b'"),
                        rule("int-index", "LOW", "ctx.list[int(ctx.one)] == 'b' && ctx.list[0] == 'a'"),
                        rule("fractional-index", "LOW", "ctx.list[ctx.half] == 'b'"),
                        rule("literal-double-index", "LOW", "ctx.list[1.0] == 'b'"),
                        rule("out-of-range", "LOW", "ctx.list[5] == 'b'")),
                "{\"one\": 1, \"half\": 0.5, \"list\": [\"a\", \"b\"]}", "ERROR",
                List.of("json-number-index", "int-index"),
                List.of("fractional-index:INDEX_OUT_OF_RANGE", "literal-double-index:NO_SUCH_OVERLOAD",
                        "out-of-range:INDEX_OUT_OF_RANGE"));
    }

    private void unavailableOverloads() {
        add("unavailable-overloads-at-run-time", "On a dyn argument the missing overloads are found missing at"
                + " run time: string() of a double and int() of a string fail, string() of an int does not.",
                allViolations(
                        rule("format-double", "LOW", "string(ctx.amount) == '1'"),
                        rule("parse-int", "LOW", "int(ctx.code) == 12"),
                        rule("format-int", "LOW", "string(int(ctx.amount)) == '1'")),
                "{\"amount\": 1, \"code\": \"12\"}", "ERROR", List.of("format-int"),
                List.of("format-double:NO_SUCH_OVERLOAD", "parse-int:NO_SUCH_OVERLOAD"));
    }

    private void strings() {
        add("strings-non-ascii", "Sizes count code points; nothing is normalised (é composed and decomposed"
                + " differ); ordering compares code points (U+FF21 < U+1F600, although UTF-16 would say"
                + " otherwise).",
                allViolations(
                        rule("sizes", "LOW", "size(ctx.name) == 5 && size(ctx.decomposed) == 6 && size(ctx.emoji) == 1"),
                        rule("not-normalised", "LOW", "ctx.name != ctx.decomposed"),
                        rule("code-point-order", "LOW", "ctx.fullwidth < ctx.emoji && ctx.emoji > ctx.fullwidth"),
                        rule("functions", "LOW", "ctx.name.startsWith('Ren') && ctx.name.endsWith('\u00e9e')"
                                + " && ctx.emoji.matches('^.$') && ctx.greek.contains('\u03a3')")),
                "{\"name\": \"Ren\u00e9e\", \"decomposed\": \"Rene\u0301e\", \"emoji\": \"\uD83D\uDE00\","
                        + " \"fullwidth\": \"\uFF21\", \"greek\": \"\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3\"}",
                "APPROVE", List.of("sizes", "not-normalised", "code-point-order", "functions"), List.of());
        add("map-iteration-order", "Maps iterate in canonical JSON order: member names sorted by UTF-16 code"
                + " units, so U+1F600 (D83D DE00) comes before U+FF21.",
                allViolations(rule("keys", "LOW",
                        "ctx.m.map(k, k) == ['B', 'a', '\u00e9', '\uD83D\uDE00', '\uFF21']"
                                + " && ctx.m.map(k, ctx.m[k]) == [4.0, 3.0, 2.0, 5.0, 1.0]")),
                "{\"m\": {\"\uFF21\": 1, \"\u00e9\": 2, \"a\": 3, \"B\": 4, \"\uD83D\uDE00\": 5}}", "APPROVE",
                List.of("keys"), List.of());
    }

    private void timestamps() {
        add("timestamps-and-durations", "Timestamps and durations parsed from strings are pure; accessors"
                + " without a time zone read UTC; a malformed timestamp fails with INVALID_ARGUMENT.",
                allViolations(
                        rule("after", "LOW", "timestamp(ctx.at) > timestamp('2025-01-01T00:00:00Z')"),
                        rule("utc-hour", "LOW", "timestamp(ctx.at).getHours() == 23"
                                + " && timestamp(ctx.at).getDayOfWeek() == 1"),
                        rule("elapsed", "LOW", "timestamp(ctx.at) - timestamp(ctx.opened) > duration('24h')"),
                        rule("epoch", "LOW", "int(timestamp(ctx.at)) == 1741647600"),
                        rule("malformed", "LOW", "timestamp(ctx.bad) > timestamp(0)")),
                "{\"at\": \"2025-03-10T23:00:00Z\", \"opened\": \"2025-03-01T08:00:00+01:00\","
                        + " \"bad\": \"10/03/2025\"}",
                "ERROR", List.of("after", "utc-hour", "elapsed", "epoch"), List.of("malformed:INVALID_ARGUMENT"));
    }

    private void refusedPolicies() {
        add("rule-does-not-compile", "A syntax error: refused when published.",
                firstMatch(rule("fine", "true"), rule("broken", "ctx.amount >")), null, null, List.of(), List.of(),
                "RULE_COMPILE_ERROR:broken");
        add("rule-type-error", "1 + 'a' is a type error the checker finds: refused when published.",
                firstMatch(rule("typed", "1 + 'a' == 2")), null, null, List.of(), List.of(),
                "RULE_COMPILE_ERROR:typed");
        add("rule-uses-clock", "There is no now(): refused.",
                firstMatch(rule("clock", "timestamp(ctx.at) < now()")), null, null, List.of(), List.of(),
                "RULE_COMPILE_ERROR:clock");
        add("rule-uses-time-zone", "Time-zone accessors read the platform's time-zone database: not available.",
                firstMatch(rule("zone", "timestamp(ctx.at).getHours('Europe/Paris') < 6")), null, null, List.of(),
                List.of(), "RULE_COMPILE_ERROR:zone");
        add("rule-formats-double", "string(double) formats differently in each implementation: not available.",
                firstMatch(rule("format", "string(1.5) == '1.5'")), null, null, List.of(), List.of(),
                "RULE_COMPILE_ERROR:format");
        add("rule-not-boolean", "A condition must be of type bool; a dyn value is not.",
                firstMatch(rule("ok", "true"), rule("number", "ctx.amount + 1.0")), null, null, List.of(), List.of(),
                "RULE_NOT_BOOLEAN:number");
        add("rule-over-budget", "A loop over context data inside another is estimated at about 1000 x 1000"
                + " iterations: over the rule budget, refused when published.",
                firstMatch(rule("nested-loops", "ctx.a.exists(x, ctx.b.exists(y, x == y))")), null, null, List.of(),
                List.of(), "POLICY_OVER_BUDGET:nested-loops");
        add("rule-quadratic-in", "'in' scans its list: inside a loop over context data it is over budget too.",
                firstMatch(rule("scan-in-loop", "ctx.a.exists(x, x in ctx.b)")), null, null, List.of(), List.of(),
                "POLICY_OVER_BUDGET:scan-in-loop");
        add("rule-regex-too-large", "A literal regular expression that compiles to more than 1000 RE2"
                + " instructions is refused when published.",
                firstMatch(rule("huge-pattern", "ctx.name.matches('^(a{1,100}){1,100}$')")), null, null, List.of(),
                List.of(), "POLICY_OVER_BUDGET:huge-pattern");
        ObjectNode unknownMember = firstMatch(rule("r", "true"));
        unknownMember.put("author", "someone");
        add("policy-unknown-member", "Unknown members are refused.", unknownMember, null, null, List.of(),
                List.of(), "POLICY_INVALID");
        add("policy-duplicate-rule-id", "Rule ids are unique.", firstMatch(rule("r", "true"), rule("r", "false")),
                null, null, List.of(), List.of(), "POLICY_INVALID:r");
    }

    private void refusedContexts() {
        add("context-too-deep", "33 nested objects, one more than the limit.", firstMatch(rule("any", "true")),
                nestedObjects(PolicyLimits.MAX_CONTEXT_DEPTH + 1), null, List.of(), List.of(), "CONTEXT_TOO_DEEP");
        add("context-at-depth-limit", "32 nested objects: accepted.", firstMatch(rule("any", "true")),
                nestedObjects(PolicyLimits.MAX_CONTEXT_DEPTH), "DENY", List.of("any"), List.of());
        add("context-not-an-object", "The context is a JSON object.", firstMatch(rule("any", "true")),
                "[1, 2]", null, List.of(), List.of(), "CONTEXT_INVALID");
        add("context-duplicate-member", "Strict JSON: no duplicate members.", firstMatch(rule("any", "true")),
                "{\"a\": 1, \"a\": 2}", null, List.of(), List.of(), "CONTEXT_INVALID");
    }

    private void twentyRules() {
        add("twenty-rules", "A 20-rule payment screen: a large night-time payment to a new payee, on a Saturday,"
                + " after a recent large payment.", twentyRulePolicy(), twentyRuleContext(), "REVIEW",
                List.of("amount-high", "country-mismatch", "payee-new", "round-amount", "night", "weekend",
                        "recent-total"),
                List.of());
    }

    /** {"n":{"n":…{}…}}: the given number of objects, each inside the one before. */
    private static String nestedObjects(int depth) {
        return "{\"n\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static ObjectNode outcome(ObjectNode rule, String outcome) {
        return rule.put("outcome", outcome);
    }

    private void add(String name, String description, ObjectNode policy, String contextJson, String outcome,
            List<String> violations, List<String> errors) {
        cases.add(new Case(name, description, policy, contextJson, outcome, violations, errors, null));
    }

    private void add(String name, String description, ObjectNode policy, String contextJson, String outcome,
            List<String> violations, List<String> errors, String refusal) {
        cases.add(new Case(name, description, policy, contextJson, outcome, violations, errors, refusal));
    }
}
