/**
 * The Veridict ledger format, version 1: canonical JSON payloads, entry hashing, the
 * per-tenant hash chain, RFC 9162 Merkle trees and the proofs over them, and a streaming
 * chain verifier.
 *
 * <p>This package is the reference implementation of {@code docs/ledger-format.md} and is
 * meant to be embedded by auditors. It is pure: every method takes bytes or values and
 * returns bytes or values, or throws a {@link io.veridict.schemas.format.LedgerFormatException}
 * that carries the evidence. No Kafka, no I/O, no platform-default charset.
 *
 * <p>Where to start: {@link io.veridict.schemas.format.ChainVerifier} to check a tenant's
 * entries; {@link io.veridict.schemas.format.LedgerHashes} for the byte layouts;
 * {@link io.veridict.schemas.format.CanonicalJson} for payloads;
 * {@link io.veridict.schemas.format.MerkleTree}, {@link io.veridict.schemas.format.MerkleFrontier},
 * {@link io.veridict.schemas.format.InclusionProofVerifier} and
 * {@link io.veridict.schemas.format.ConsistencyProofVerifier} for the tree.
 */
package io.veridict.schemas.format;
