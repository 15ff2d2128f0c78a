package io.veridict.schemas.registry;

/**
 * A schema-registry request failed: the registry answered with an error, the answer could not be
 * understood, or no answer arrived at all.
 *
 * <p>It carries the HTTP status ({@link #NO_HTTP_STATUS} when there was no answer), the Confluent
 * {@code error_code} of the error body ({@link #NO_ERROR_CODE} when there was none) and whether
 * retrying the same request later may succeed. Retriable means: connection failure, timeout or a
 * 5xx answer. 4xx answers are never retriable. The message names the request and the registry
 * URL, never credentials.
 */
public class SchemaRegistryException extends RuntimeException {

    /** {@link #httpStatus()} when no HTTP answer arrived. */
    public static final int NO_HTTP_STATUS = 0;
    /** {@link #errorCode()} when the answer carried no Confluent error code. */
    public static final int NO_ERROR_CODE = -1;

    /** Confluent error code: the subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: the subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: no schema with this id, or the schema is not under the subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the schema is incompatible with the subject's earlier versions. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the registry could not parse the schema. */
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;
    private final boolean retriable;

    /**
     * @param message what was requested and what went wrong; MUST NOT contain credentials
     * @param httpStatus the HTTP status, or {@link #NO_HTTP_STATUS}
     * @param errorCode the Confluent error code, or {@link #NO_ERROR_CODE}
     * @param retriable whether the same request may succeed later
     * @param cause the underlying failure, or {@code null}
     */
    public SchemaRegistryException(
            String message, int httpStatus, int errorCode, boolean retriable, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.retriable = retriable;
    }

    /** The HTTP status of the registry's answer, or {@link #NO_HTTP_STATUS}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent {@code error_code} of the answer, or {@link #NO_ERROR_CODE}. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the same request may succeed later (connection failure, timeout, 5xx). */
    public boolean isRetriable() {
        return retriable;
    }

    /** Whether the registry said that the subject does not exist (404 / 40401). */
    public boolean isSubjectNotFound() {
        return httpStatus == 404 && errorCode == SUBJECT_NOT_FOUND;
    }

    /** Whether the registry said that it knows no such schema (404 / 40403). */
    public boolean isSchemaNotFound() {
        return httpStatus == 404 && errorCode == SCHEMA_NOT_FOUND;
    }
}
