package io.veridict.streams.crypto;

import java.time.Duration;
import java.util.Objects;

/**
 * What the ledger needs to encrypt at rest: the KMS that wraps tenant data keys, and how long a
 * data key seals new payloads before the next one takes over.
 *
 * @param kms              the key-encryption service
 * @param dataKeyRotation  the age after which a tenant's data key is replaced for new payloads
 * @see "docs/encryption.md"
 */
public record LedgerCrypto(Kms kms, Duration dataKeyRotation) {

    /** The default rotation period of data keys: 30 days. */
    public static final Duration DEFAULT_ROTATION = Duration.ofDays(30);

    public LedgerCrypto {
        Objects.requireNonNull(kms, "kms");
        if (dataKeyRotation.isNegative() || dataKeyRotation.isZero()) {
            throw new IllegalArgumentException("the data key rotation period must be positive");
        }
    }

    /** With the default rotation period. */
    public static LedgerCrypto of(Kms kms) {
        return new LedgerCrypto(kms, DEFAULT_ROTATION);
    }
}
