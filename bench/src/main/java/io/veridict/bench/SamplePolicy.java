package io.veridict.bench;

import java.nio.charset.StandardCharsets;

/**
 * What the evaluation figure (3d) sends to {@code POST /v1/decisions/evaluate}: a policy of 20
 * rules in all-violations mode (every rule is evaluated on every call) and a payment context that
 * every rule can read, so that no rule errs. Six rules are violated (four MEDIUM, two LOW); the outcome is
 * {@value #OUTCOME}.
 */
final class SamplePolicy {

    /** The outcome the policy gives the context. */
    static final String OUTCOME = "REVIEW";
    /** How many rules the policy has. */
    static final int RULES = 20;

    private static final String BODY = """
            {"context": {
               "amount_eur": 18250.5, "currency": "EUR", "channel": "web", "customer_days": 21,
               "score": 0.62, "attempts_24h": 3, "country": "DE",
               "payee": {"country": "FR", "iban": "FR7630006000011234567890189", "verified": true, "new": true},
               "device": {"id": "d-91c2", "trusted": false, "seen_days": 2},
               "tags": ["recurring", "salary"], "limits": {"daily_eur": 20000, "single_eur": 15000},
               "history": [120.0, 85.5, 9000.0, 40.0, 15.25]},
             "policy": {"document": {
               "policy_id": "payments-screen", "version": "2026.12",
               "outcome": {"mode": "all_violations", "default": "APPROVE",
                           "by_severity": {"CRITICAL": "DENY", "HIGH": "DENY", "MEDIUM": "REVIEW", "LOW": "APPROVE", "INFO": "APPROVE"}},
               "rules": [
                 {"id": "sanctioned-payee", "severity": "CRITICAL", "message": "payee in a sanctioned country",
                  "condition": "ctx.payee.country in ['KP', 'IR', 'SY', 'CU']"},
                 {"id": "over-single-limit", "severity": "MEDIUM", "message": "amount over the single-payment limit",
                  "condition": "ctx.amount_eur > ctx.limits.single_eur"},
                 {"id": "over-daily-limit", "severity": "HIGH", "message": "amount over the daily limit",
                  "condition": "ctx.amount_eur > ctx.limits.daily_eur"},
                 {"id": "new-customer-large", "severity": "MEDIUM", "message": "large payment by a new customer",
                  "condition": "ctx.customer_days < 30 && ctx.amount_eur > 10000.0"},
                 {"id": "low-score", "severity": "HIGH", "message": "risk score below 0.3",
                  "condition": "ctx.score < 0.3"},
                 {"id": "many-attempts", "severity": "MEDIUM", "message": "more than 5 attempts in 24 hours",
                  "condition": "ctx.attempts_24h > 5"},
                 {"id": "untrusted-device", "severity": "LOW", "message": "device not trusted and seen recently",
                  "condition": "!ctx.device.trusted && ctx.device.seen_days < 7"},
                 {"id": "unverified-payee", "severity": "HIGH", "message": "payee not verified",
                  "condition": "!ctx.payee.verified"},
                 {"id": "new-payee-large", "severity": "MEDIUM", "message": "large payment to a new payee",
                  "condition": "ctx.payee.new && ctx.amount_eur > 5000.0"},
                 {"id": "foreign-currency", "severity": "LOW", "message": "currency other than EUR",
                  "condition": "ctx.currency != 'EUR'"},
                 {"id": "iban-country", "severity": "MEDIUM", "message": "IBAN country differs from the payee's",
                  "condition": "!ctx.payee.iban.startsWith(ctx.payee.country)"},
                 {"id": "iban-shape", "severity": "HIGH", "message": "IBAN not well-formed",
                  "condition": "!ctx.payee.iban.matches('^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$')"},
                 {"id": "spike", "severity": "MEDIUM", "message": "amount over twice the largest past payment",
                  "condition": "ctx.history.exists(h, h * 2.0 >= ctx.amount_eur) == false"},
                 {"id": "round-amount", "severity": "INFO", "message": "round amount",
                  "condition": "ctx.amount_eur == 10000.0 || ctx.amount_eur == 20000.0"},
                 {"id": "blocked-channel", "severity": "HIGH", "message": "channel not allowed",
                  "condition": "!(ctx.channel in ['web', 'app', 'branch'])"},
                 {"id": "tag-review", "severity": "LOW", "message": "payment tagged for review",
                  "condition": "'review' in ctx.tags"},
                 {"id": "cross-border", "severity": "LOW", "message": "cross-border payment",
                  "condition": "ctx.country != ctx.payee.country"},
                 {"id": "history-short", "severity": "INFO", "message": "fewer than 3 past payments",
                  "condition": "size(ctx.history) < 3"},
                 {"id": "average-exceeded", "severity": "MEDIUM", "message": "amount over ten times the average",
                  "condition": "ctx.amount_eur > 10.0 * (ctx.history[0] + ctx.history[1] + ctx.history[2] + ctx.history[3] + ctx.history[4]) / 5.0"},
                 {"id": "high-risk-combination", "severity": "CRITICAL", "message": "new customer, new device, low score",
                  "condition": "ctx.customer_days < 7 && ctx.device.seen_days < 7 && ctx.score < 0.5"}
               ]}}}
            """;

    private SamplePolicy() {
    }

    /** The request body with the policy given inline, UTF-8. */
    static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    /** The request body naming the tenant's published version of the policy (its active one), UTF-8. */
    static byte[] publishedBody() {
        com.fasterxml.jackson.databind.node.ObjectNode tree = tree();
        String id = tree.get("policy").get("document").get("policy_id").asText();
        tree.putObject("policy").put("id", id);
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body publishing the policy, active at once, UTF-8. */
    static byte[] publication() {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        body.set("document", tree().get("policy").get("document"));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode tree() {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(BODY);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
