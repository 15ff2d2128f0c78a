package io.veridict.api.api;

import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.streams.CommandValidator;
import io.veridict.streams.IdempotencyKeys;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

/**
 * The request headers every write carries: the tenant whose ledger is written and the client's
 * idempotency key. Both follow the same rules as {@link CommandValidator}, so a command the API
 * accepts is never sent to the dead-letter topic for its tenant id or key.
 */
public final class RequestHeaders {

    /** The tenant header: 3 to 64 characters, lower-case letters, digits and inner hyphens. */
    public static final String TENANT_ID = "X-Veridict-Tenant-Id";
    /**
     * The idempotency-key header: 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ : -}, not {@code .}
     * or {@code ..} (a client key of {@link IdempotencyKeys}), so that {@code /v1/receipts/<key>}
     * reaches it unescaped and no client key can be one the service uses itself.
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Separates a batch's key from an item's index in the item's own key: {@code <key>:<index>}. */
    public static final char BATCH_ITEM_SEPARATOR = ':';

    private static final int MAX_IDEMPOTENCY_KEY = 128;
    private static final int MAX_ADMIN_IDEMPOTENCY_KEY = 100;

    private RequestHeaders() {
    }

    /** The tenant id of a request, from {@value #TENANT_ID}. */
    public static String tenantId(HttpHeaders headers) {
        return tenantId(headers.getRequestHeader(TENANT_ID));
    }

    /**
     * The tenant id sent as {@code values} (all values of the header, or {@code null}).
     *
     * @throws ApiException {@code MISSING_TENANT_HEADER} when absent or empty,
     *         {@code INVALID_TENANT_HEADER} when sent twice or not well-formed
     */
    public static String tenantId(List<String> values) {
        String value = single(values, ErrorCode.MISSING_TENANT_HEADER, ErrorCode.INVALID_TENANT_HEADER, TENANT_ID);
        if (!CommandValidator.TENANT_ID.matcher(value).matches()) {
            throw new ApiException(ErrorCode.INVALID_TENANT_HEADER, TENANT_ID
                    + " must be 3 to 64 characters: lower-case letters, digits and inner hyphens");
        }
        return value;
    }

    /** The idempotency key of a single request, from {@value #IDEMPOTENCY_KEY}. */
    public static String idempotencyKey(HttpHeaders headers) {
        return idempotencyKey(headers.getRequestHeader(IDEMPOTENCY_KEY));
    }

    /**
     * The idempotency key sent as {@code values} (all values of the header, or {@code null}).
     *
     * @throws ApiException {@code MISSING_IDEMPOTENCY_KEY} when absent or empty,
     *         {@code INVALID_IDEMPOTENCY_KEY} when sent twice or not a client key of {@link IdempotencyKeys}
     */
    public static String idempotencyKey(List<String> values) {
        return idempotencyKey(values, MAX_IDEMPOTENCY_KEY);
    }

    /**
     * The idempotency key of a batch request. Item {@code i} of the batch is recorded under
     * {@link #batchItemKey(String, int) <key>:<i>}, which must itself be a valid key, so the batch
     * key may be at most 128 minus (1 + the digits of the largest index) characters long.
     */
    public static String batchIdempotencyKey(HttpHeaders headers, int maxBatchSize) {
        int suffix = 1 + String.valueOf(Math.max(0, maxBatchSize - 1)).length();
        return idempotencyKey(headers.getRequestHeader(IDEMPOTENCY_KEY), MAX_IDEMPOTENCY_KEY - suffix);
    }

    /**
     * The idempotency key of an administration request: optional (a random one when absent, so
     * the request is not retry-safe), at most 100 characters, since derived commands append to it.
     */
    public static String adminIdempotencyKey(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(IDEMPOTENCY_KEY);
        if (values == null || values.isEmpty()) {
            return IdempotencyKeys.randomAdmin();
        }
        return idempotencyKey(values, MAX_ADMIN_IDEMPOTENCY_KEY);
    }

    /** The idempotency key of item {@code index} (zero-based, decimal) of a batch sent with {@code batchKey}. */
    public static String batchItemKey(String batchKey, int index) {
        return batchKey + BATCH_ITEM_SEPARATOR + index;
    }

    private static String idempotencyKey(List<String> values, int maxLength) {
        String value = single(values, ErrorCode.MISSING_IDEMPOTENCY_KEY, ErrorCode.INVALID_IDEMPOTENCY_KEY,
                IDEMPOTENCY_KEY);
        if (value.length() > maxLength || !IdempotencyKeys.isClientKey(value)) {
            throw new ApiException(ErrorCode.INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + " must be 1 to "
                    + maxLength + " characters of A-Z a-z 0-9 . _ ~ : - (and not . or ..)");
        }
        return value;
    }

    private static String single(List<String> values, ErrorCode missing, ErrorCode invalid, String header) {
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            throw new ApiException(missing, "the " + header + " header is required");
        }
        if (values.size() > 1) {
            throw new ApiException(invalid, "the " + header + " header must be sent once");
        }
        return values.get(0);
    }
}
