package io.veridict.api.errors;

import io.veridict.streams.RefusalCode;

/**
 * The API's error for each reason the chain gives for refusing a command: one mapping, checked
 * by the compiler to cover every {@link RefusalCode}.
 */
public final class Refusals {

    private Refusals() {
    }

    /** The error for the reason of a {@code CONFLICT} outcome, as written on the receipts topic. */
    public static ApiException of(String reason) {
        return RefusalCode.of(reason).map(Refusals::of)
                .orElseGet(() -> new ApiException(ErrorCode.INVALID_REQUEST, "the request was refused: " + reason));
    }

    /** The error for {@code code}: its error code and the code's meaning as the message. */
    public static ApiException of(RefusalCode code) {
        return new ApiException(errorCode(code), code.meaning());
    }

    /** The error code a refusal becomes. */
    public static ErrorCode errorCode(RefusalCode code) {
        return switch (code) {
            case IDEMPOTENCY_KEY_REUSED -> ErrorCode.IDEMPOTENCY_KEY_REUSED;
            case DECISION_ID_TAKEN -> ErrorCode.DECISION_ID_TAKEN;
            case UNKNOWN_RETENTION_LABEL -> ErrorCode.UNKNOWN_RETENTION_LABEL;
            case GROUP_REFUSED, GROUP_PARTLY_CHAINED -> ErrorCode.BATCH_REFUSED;
            case TENANT_EXISTS -> ErrorCode.TENANT_EXISTS;
            case TENANT_STATUS_CONFLICT -> ErrorCode.TENANT_STATUS_CONFLICT;
            case TENANT_DELETED -> ErrorCode.TENANT_DELETED;
            case KEY_NOT_ACTIVE -> ErrorCode.KEY_NOT_ACTIVE;
            case TENANT_NOT_FOUND, KEY_NOT_FOUND, PROPOSAL_NOT_FOUND, HOLD_NOT_FOUND, DECISION_NOT_FOUND -> ErrorCode.NOT_FOUND;
            case PROPOSAL_EXPIRED -> ErrorCode.PROPOSAL_EXPIRED;
            case PROPOSAL_STALE -> ErrorCode.PROPOSAL_STALE;
            case SELF_APPROVAL -> ErrorCode.SELF_APPROVAL;
            case APPROVER_NOT_ALLOWED -> ErrorCode.APPROVER_NOT_ALLOWED;
            case HOLD_LIFT_PENDING -> ErrorCode.HOLD_LIFT_PENDING;
            case NOTHING_TO_ERASE -> ErrorCode.NOTHING_TO_ERASE;
            case ERASURE_UNDER_HOLD -> ErrorCode.ERASURE_UNDER_HOLD;
            case ERASURE_TOO_LARGE -> ErrorCode.ERASURE_TOO_LARGE;
            case POLICY_REFUSED -> ErrorCode.POLICY_INVALID;
            case POLICY_VERSION_EXISTS -> ErrorCode.POLICY_VERSION_EXISTS;
            case POLICY_LIMIT_REACHED -> ErrorCode.POLICY_LIMIT_REACHED;
            case POLICY_NOT_FOUND -> ErrorCode.POLICY_NOT_FOUND;
            case POLICY_STATUS_CONFLICT -> ErrorCode.POLICY_STATUS_CONFLICT;
            case POLICY_RETIRED -> ErrorCode.POLICY_RETIRED;
            case NO_ACTIVE_POLICY -> ErrorCode.NO_ACTIVE_POLICY;
            case POLICY_UNREADABLE -> ErrorCode.POLICY_UNREADABLE;
            case CONTEXT_TOO_DEEP -> ErrorCode.CONTEXT_TOO_DEEP;
            case CONTEXT_REFUSED, EVALUATION_FAILED -> ErrorCode.CONTEXT_INVALID;
            case EVALUATION_MISMATCH -> ErrorCode.EVALUATION_MISMATCH;
            // Refusals of requests the API validates before they reach the chain (a key id the
            // service generates, a well-formed operation), and dead-letter codes, which never
            // come back as an outcome.
            case INVALID_DECISION, KEY_EXISTS, INVALID_OPERATION, PROPOSAL_NOT_EXPIRED, INVALID_RETENTION_REQUEST, INVALID_POLICY_REQUEST,
                    INVALID_EVALUATION_REQUEST, TENANT_KEY_MISMATCH,
                    INVALID_TENANT_ID, INVALID_IDEMPOTENCY_KEY, RESERVED_IDEMPOTENCY_KEY, INVALID_GROUP,
                    SEALED_BODY_UNREADABLE, UNREADABLE_RECORD -> ErrorCode.INVALID_REQUEST;
        };
    }
}
