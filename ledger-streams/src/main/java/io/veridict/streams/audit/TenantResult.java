package io.veridict.streams.audit;

import io.veridict.schemas.format.ChainHead;
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
 *                          Merkle root when known (it is not when verifying a partial export)
 * @param verified          whether no failure was found in this tenant's chain
 */
public record TenantResult(String tenantId, long entriesVerified, long erasedPayloads, long encryptedPayloads,
                           ChainHead head, boolean verified) {

    public TenantResult {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(head, "head");
    }
}
