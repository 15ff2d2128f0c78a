package io.veridict.streams.crypto;

/**
 * A payload envelope, opened: its clear bytes and salt, or why there are none.
 *
 * @param status        what was found
 * @param bytesOrNull   the canonical payload bytes when {@link Status#CLEAR} or {@link Status#DECRYPTED}
 * @param saltOrNull    the payload's salt (ledger format version 2), or null
 * @param problemOrNull for {@link Status#KEY_DESTROYED} and {@link Status#UNREADABLE}: why, without key material
 */
public record OpenedPayload(Status status, byte[] bytesOrNull, byte[] saltOrNull, String problemOrNull) {

    /** What an envelope turned out to hold. */
    public enum Status {
        /** Stored in the clear (envelope version 1). */
        CLEAR,
        /** Sealed, and opened with the tenant's data key. */
        DECRYPTED,
        /** Sealed under a data key that no longer exists: the payload is erased. */
        KEY_DESTROYED,
        /** Sealed, but it does not open (altered, or its key cannot be unwrapped here). */
        UNREADABLE
    }

    /** @return whether the payload's bytes are here */
    public boolean readable() {
        return bytesOrNull != null;
    }
}
