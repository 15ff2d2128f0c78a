/**
 * The auditor's side of the ledger: verifying tenants' chains straight from the Kafka topics
 * ({@link io.veridict.verifier.TopicReplayVerifier}) or from an NDJSON export file
 * ({@link io.veridict.verifier.ExportVerifier}), the export format itself
 * ({@link io.veridict.verifier.ExportFormat}, {@link io.veridict.verifier.ExportWriter},
 * {@link io.veridict.verifier.ExportReader}) and the report both produce
 * ({@link io.veridict.verifier.ReplayReport}).
 *
 * <p>The checks themselves are those of the ledger format library
 * ({@link io.veridict.schemas.format.ChainVerifier}); this package only reads records, feeds
 * them in the right order and reports where each failure sits.
 *
 * @see "docs/export-format.md"
 * @see "docs/ledger-format.md §9 Verifying a chain"
 */
package io.veridict.verifier;
