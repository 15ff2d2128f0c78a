package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;

/**
 * Test fixture: one entry as an auditor reads it, the header plus the canonical payload text;
 * {@code erased} entries are fed to the verifier without their payload.
 */
record ChainEntry(EntryHeader header, String payload, boolean erased) {

    /** The payload bytes to feed, or null when erased. */
    byte[] payloadOrNull() {
        return erased ? null : payload.getBytes(StandardCharsets.UTF_8);
    }

    ChainEntry withHeader(EntryHeader replacement) {
        return new ChainEntry(replacement, payload, erased);
    }

    ChainEntry withPayload(String replacement) {
        return new ChainEntry(header, replacement, erased);
    }

    ChainEntry erasedCopy() {
        return new ChainEntry(header, payload, true);
    }
}
