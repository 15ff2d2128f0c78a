package io.veridict.streams.crypto;

/**
 * The key-encryption service: wraps and unwraps tenant data keys under a key-encryption key
 * (KEK) that never leaves it. {@link LocalKms} keeps its KEKs in memory, read from the
 * environment or a file; a cloud KMS fits the same three calls.
 *
 * <p>Implementations are thread-safe. They never log key material.
 *
 * @see "docs/encryption.md"
 */
public interface Kms {

    /** @return the id of the KEK that {@link #wrap} uses now */
    String currentKekId();

    /**
     * Wraps a data key under the current KEK.
     *
     * @param dataKey        the key to wrap; not kept
     * @param associatedData bound to the result: {@link #unwrap} needs the same bytes
     * @return the KEK's id and the wrapped key
     */
    Wrapped wrap(byte[] dataKey, byte[] associatedData);

    /**
     * Unwraps a data key.
     *
     * @param wrapped        what {@link #wrap} returned, possibly under an earlier KEK
     * @param associatedData the bytes given to {@link #wrap}
     * @return the data key, a fresh array the caller owns
     * @throws KeyUnavailableException if the KEK is not known here or the wrapped key does not
     *                                 authenticate (altered, or wrapped for other associated data)
     */
    byte[] unwrap(Wrapped wrapped, byte[] associatedData);

    /**
     * A wrapped data key and the KEK that wrapped it.
     *
     * @param kekId the KEK's id
     * @param bytes the wrapped key, opaque to the caller
     */
    record Wrapped(String kekId, byte[] bytes) {
    }
}
