package io.veridict.streams.errors;

import io.veridict.schemas.serde.AvroSerdeException;
import io.veridict.streams.RefusalCode;

/** Turns an exception into the stable reason code written to dead-letter headers. */
final class RejectionReason {

    /** Reason for a record whose bytes could not be read for a cause without its own code. */
    static final String UNREADABLE = RefusalCode.UNREADABLE_RECORD.name();

    private RejectionReason() {
    }

    static String of(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof AvroSerdeException serde) {
                return serde.reason();
            }
        }
        return UNREADABLE;
    }
}
