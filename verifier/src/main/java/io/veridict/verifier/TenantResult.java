package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.PayloadAccounting;
import java.util.Objects;

/**
 * What was verified of one tenant's chain.
 *
 * @param tenantId          the tenant
 * @param entriesVerified   entries that passed every check (those before the first failure)
 * @param erasedPayloads    how many of them had no payload (erased by retention)
 * @param encryptedPayloads how many of them had an encrypted payload, which a verifier without
 *                          the tenant's key cannot check beyond the header chain
 * @param head              the head after the last entry that passed: size, chain hash, and the
 *                          Merkle root when known (it is not when verifying a partial export);
 *                          null for an empty partial export, which names no head at all
 * @param verified          whether no failure was found in this tenant's chain
 * @param payloads          the account of the absent payloads (ledger format §9.7): per erasure
 *                          record, how many it accounts for; and how many no record names
 */
public record TenantResult(String tenantId, long entriesVerified, long erasedPayloads, long encryptedPayloads,
                           ChainHead head, boolean verified, PayloadAccounting.Result payloads) {

    public TenantResult {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(payloads, "payloads");
    }

    /** A result without erasure records. */
    public TenantResult(String tenantId, long entriesVerified, long erasedPayloads, long encryptedPayloads,
                        ChainHead head, boolean verified) {
        this(tenantId, entriesVerified, erasedPayloads, encryptedPayloads, head, verified,
                PayloadAccounting.Result.NOTHING_ABSENT);
    }
}
