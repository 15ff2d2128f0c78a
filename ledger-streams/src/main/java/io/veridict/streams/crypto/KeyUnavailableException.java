package io.veridict.streams.crypto;

/**
 * A key cannot be had: its KEK is not configured, its wrapped form does not authenticate, or
 * it was destroyed. The message never holds key material.
 */
public final class KeyUnavailableException extends RuntimeException {

    public KeyUnavailableException(String message) {
        super(message);
    }

    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
