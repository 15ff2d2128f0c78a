package io.veridict.api.core;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * The ledger cannot be reached or read right now (broker not acknowledging, stores
 * rebalancing or restoring). Answers 503 with {@code Retry-After}; a client retries with
 * the same idempotency key, which is always safe.
 */
public class LedgerUnavailableException extends ApiException {

    /** Seconds a client should wait before retrying. */
    public static final String RETRY_AFTER_SECONDS = "1";

    public LedgerUnavailableException(String message, Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE.status(), ErrorCode.SERVICE_UNAVAILABLE.name(), message, List.of(),
                Map.of("Retry-After", RETRY_AFTER_SECONDS), cause);
    }
}
