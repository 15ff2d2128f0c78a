package io.veridict.api.errors;

/**
 * The catalogue of stable, machine-readable error codes the API answers with, each with the
 * HTTP status it is sent with. Clients branch on {@link #name()}; the human message may change.
 *
 * <p>The table in {@code docs/api-errors.md} documents every constant; keep them in step.
 */
public enum ErrorCode {

    /** The body is not well-formed JSON (RFC 8259), is empty, or has data after the value. */
    MALFORMED_JSON(400),
    /** The body is not well-formed UTF-8, starts with a byte order mark, or escapes an unpaired surrogate. */
    INVALID_UTF8(400),
    /** An object has the same member name twice (compared after unescaping). */
    DUPLICATE_JSON_KEY(400),
    /** {@code NaN} or an infinity appears where a number belongs. */
    NON_FINITE_NUMBER(400),
    /** A number would change value in RFC 8785 canonical form (see docs/api-errors.md). */
    NUMBER_NOT_REPRESENTABLE(400),
    /** Objects and arrays are nested deeper than {@code maxJsonDepth}. */
    NESTING_TOO_DEEP(400),
    /** The document holds more object members than {@code maxJsonFields}. */
    TOO_MANY_FIELDS(400),
    /** A string or member name is longer than {@code maxStringBytes} UTF-8 bytes. */
    STRING_TOO_LONG(400),
    /** The body could not be read to its end (the client stopped sending or the connection broke). */
    BODY_INCOMPLETE(400),
    /** The body is larger than the limit of the endpoint. */
    BODY_TOO_LARGE(413),
    /** The Content-Type is not {@code application/json} (with charset utf-8, if any). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The {@code Content-Encoding} is not {@code gzip} or {@code identity}. */
    UNSUPPORTED_CONTENT_ENCODING(415),
    /** The body claims {@code Content-Encoding: gzip} but is not valid gzip data. */
    INVALID_CONTENT_ENCODING(400),
    /** {@code Transfer-Encoding} names a coding other than {@code chunked}. */
    UNSUPPORTED_TRANSFER_CODING(400),
    /** The JSON is well-formed but the request is not valid: see {@code details}. */
    INVALID_REQUEST(422),
    /** The {@code X-Veridict-Tenant-Id} header is not a well-formed tenant id. */
    INVALID_TENANT_HEADER(400),
    /** The {@code X-Veridict-Tenant-Id} header is missing. */
    MISSING_TENANT_HEADER(400),
    /** The {@code Idempotency-Key} header is missing. */
    MISSING_IDEMPOTENCY_KEY(400),
    /** The {@code Idempotency-Key} header is not well-formed. */
    INVALID_IDEMPOTENCY_KEY(400),
    /** The idempotency key was already used with a different request body. */
    IDEMPOTENCY_KEY_REUSED(409),
    /** The tenant already recorded a decision with this {@code decision_id}. */
    DECISION_ID_TAKEN(409),
    /** An item of a batch was refused (a decision id taken, a reused key), so no item was recorded. */
    BATCH_REFUSED(409),
    /** A batch holds more items than {@code maxBatchSize}. */
    BATCH_TOO_LARGE(413),
    /** A batch holds no items. */
    BATCH_EMPTY(422),
    /** The policy document of an evaluation breaks the policy format (docs/policies.md §2). */
    POLICY_INVALID(422),
    /** A rule's condition does not parse or does not type-check; {@code details} names the rule. */
    RULE_COMPILE_ERROR(422),
    /** A rule's condition is not of type {@code bool}; {@code details} names the rule. */
    RULE_NOT_BOOLEAN(422),
    /** A rule, or the policy as a whole, is over the cost budget; {@code details} names the rule. */
    POLICY_OVER_BUDGET(422),
    /** The context of an evaluation nests objects and arrays deeper than the policy engine allows. */
    CONTEXT_TOO_DEEP(422),
    /** The context of an evaluation breaks a limit of the policy engine or has no canonical form. */
    CONTEXT_INVALID(422),
    /** No published policy version matches the id, version or hash named. */
    POLICY_NOT_FOUND(404),
    /** The policy id and version are published already, with this or another document. */
    POLICY_VERSION_EXISTS(409),
    /** The policy version is not in a status the operation applies to (activating an active one, retiring a retired one). */
    POLICY_STATUS_CONFLICT(409),
    /** The policy version is retired: it is not activated again, and no decision is recorded with it. */
    POLICY_RETIRED(422),
    /** The policy id has published versions, none of them active. */
    NO_ACTIVE_POLICY(422),
    /** The tenant published as many policy versions as it may. */
    POLICY_LIMIT_REACHED(422),
    /** The document of a published policy version cannot be read. */
    POLICY_UNREADABLE(422),
    /** The decision given differs from the evaluated outcome, and no override reason was given. */
    EVALUATION_MISMATCH(422),
    /** The framework refused the request as malformed (for example a bad header or parameter). */
    BAD_REQUEST(400),
    /** The request URI is longer than the server accepts. */
    URI_TOO_LONG(414),
    /** The request's header fields together are larger than the server accepts. */
    HEADERS_TOO_LARGE(431),
    /** The request carries no valid credentials. */
    UNAUTHENTICATED(401),
    /** The credentials do not allow this request. */
    FORBIDDEN(403),
    /** No {@code Authorization} header. */
    MISSING_CREDENTIALS(401),
    /** The {@code Authorization} header is not {@code Bearer} followed by a well-formed key or operator token. */
    MALFORMED_CREDENTIALS(401),
    /** The key or token is well-formed but its checksum does not match: a typo or a truncated copy. */
    CREDENTIAL_CHECKSUM_MISMATCH(401),
    /** No such key, or a wrong secret, or a wrong operator token (deliberately not told apart). */
    INVALID_CREDENTIALS(401),
    /** The key is past its {@code expires_at}. Only answered to a caller holding the right secret. */
    KEY_EXPIRED(401),
    /** The key was revoked. Only answered to a caller holding the right secret. */
    KEY_REVOKED(401),
    /** The key belongs to another tenant than the {@code X-Veridict-Tenant-Id} header names. */
    TENANT_MISMATCH(403),
    /** The tenant is suspended: its keys are refused until an operator reactivates it. */
    TENANT_SUSPENDED(403),
    /** The tenant was deleted: its keys are refused for good. */
    TENANT_DELETED(403),
    /** The key lacks the scope this endpoint requires (named in the message). */
    INSUFFICIENT_SCOPE(403),
    /** The endpoint is for operators; an API key cannot call it. */
    OPERATOR_REQUIRED(403),
    /** Operator endpoints are switched off: no operator token hash is configured. */
    OPERATOR_DISABLED(403),
    /** A tenant with this id exists. */
    TENANT_EXISTS(409),
    /** The tenant is not in a status this operation applies to (e.g. suspending a suspended tenant). */
    TENANT_STATUS_CONFLICT(409),
    /** The key is revoked or expired and cannot be rotated or revoked again. */
    KEY_NOT_ACTIVE(409),
    /** A decision's {@code retention_label} is named by no rule of the tenant's retention policy; nothing was recorded. */
    UNKNOWN_RETENTION_LABEL(422),
    /** A retention rule outside the operator's bounds ({@code retention.minimumPeriod}, {@code retention.maximumPeriod}). */
    RETENTION_OUT_OF_BOUNDS(422),
    /** The approver of a retention proposal is its proposer's holder (two keys of one holder are one person). */
    SELF_APPROVAL(403),
    /** The approving key is not active, or lacks {@code retention:approve}. */
    APPROVER_NOT_ALLOWED(403),
    /** Lifting this hold is already proposed and waiting for approval. */
    HOLD_LIFT_PENDING(409),
    /** The proposal's approval window closed. */
    PROPOSAL_EXPIRED(409),
    /** Another change took effect after the proposal was made: propose again against the policy in force. */
    PROPOSAL_STALE(409),
    /** An erasure on request names a payload a legal hold covers; nothing is erased or proposed. */
    ERASURE_UNDER_HOLD(409),
    /** An erasure on request names no payload still stored (erased already). */
    NOTHING_TO_ERASE(409),
    /** An erasure on request names more payloads than one erasure erases ({@value io.veridict.streams.retention.RetentionPlan#MAX_PER_RUN}). */
    ERASURE_TOO_LARGE(422),
    /** A key may only be given scopes its creator holds. */
    SCOPE_ESCALATION(403),
    /** Only the operator or a key with {@code tenant:admin} may issue a key to another holder than its own. */
    HOLDER_NOT_ALLOWED(403),
    /** The service signs no checkpoints: no {@code checkpoints.signingKey} is configured. */
    CHECKPOINT_SIGNING_OFF(503),
    /** A proof or checkpoint asks about a tree larger than the tenant's ledger (its size is in the message). */
    TREE_SIZE_BEYOND_HEAD(400),
    /** A proof question that has no answer: a seq not below the tree size, {@code from_size > to_size}, a tree of size 0. */
    PROOF_RANGE_INVALID(400),
    /** No resource at this path. */
    NOT_FOUND(404),
    /** The resource exists but not with this HTTP method; see the {@code Allow} header. */
    METHOD_NOT_ALLOWED(405),
    /** The resource cannot answer in any media type the {@code Accept} header allows. */
    NOT_ACCEPTABLE(406),
    /** The framework refused the request with another 4xx status, which is kept. */
    REQUEST_REJECTED(400),
    /** An unexpected error; it was logged with the correlation id. */
    INTERNAL_ERROR(500),
    /** A dependency (Kafka, the schema registry, the ledger views) is not available; retry later. */
    SERVICE_UNAVAILABLE(503),
    /** The client address or the tenant sent more requests than its quota; see {@code Retry-After}. */
    RATE_LIMITED(429),
    /** The request did not arrive over HTTPS and the service requires it. */
    HTTPS_REQUIRED(403);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** @return the HTTP status this code is answered with */
    public int status() {
        return status;
    }
}
