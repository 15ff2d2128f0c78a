package io.veridict.policy;

/**
 * How serious a rule's violation is, in increasing order; the names are those of a decision
 * payload's {@code violations[].severity} (docs/ledger-format.md §4.1).
 */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
