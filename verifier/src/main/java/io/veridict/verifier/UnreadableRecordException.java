package io.veridict.verifier;

/** A record's key or value cannot be decoded; the message says why, without record contents. */
final class UnreadableRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableRecordException(String message) {
        super(message);
    }
}
