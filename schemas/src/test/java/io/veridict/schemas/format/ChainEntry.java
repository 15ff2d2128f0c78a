package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;

/**
 * Test fixture: one entry as an auditor reads it, the header plus the canonical payload text and
 * the salt stored with it (format version 2; null for version 1); {@code erased} entries are fed
 * to the verifier without their payload and salt.
 */
record ChainEntry(EntryHeader header, String payload, byte[] salt, boolean erased) {

    ChainEntry(EntryHeader header, String payload, boolean erased) {
        this(header, payload, null, erased);
    }

    /** The payload bytes to feed, or null when erased. */
    byte[] payloadOrNull() {
        return erased ? null : payload.getBytes(StandardCharsets.UTF_8);
    }

    /** The salt to feed, or null when erased or when the entry has none. */
    byte[] saltOrNull() {
        return erased || salt == null ? null : salt.clone();
    }

    ChainEntry withHeader(EntryHeader replacement) {
        return new ChainEntry(replacement, payload, salt, erased);
    }

    ChainEntry withPayload(String replacement) {
        return new ChainEntry(header, replacement, salt, erased);
    }

    ChainEntry withSalt(byte[] replacement) {
        return new ChainEntry(header, payload, replacement, erased);
    }

    ChainEntry erasedCopy() {
        return new ChainEntry(header, payload, salt, true);
    }
}
