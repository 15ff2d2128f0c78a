package io.veridict.dev.registry;

import java.util.List;

/**
 * A request the registry refuses, carrying the HTTP status and the Confluent
 * {@code error_code} a client expects for it.
 *
 * <p>The static factories are the only place where the codes and message texts of the
 * Confluent Schema Registry REST API are written down; everything else throws through them.
 */
final class RegistryException extends RuntimeException {

    static final int BACKEND_ERROR = 50001;

    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the answer. */
    int status() {
        return status;
    }

    /** The Confluent {@code error_code} of the answer. */
    int errorCode() {
        return errorCode;
    }

    static RegistryException notFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    static RegistryException badRequest(String detail) {
        return new RegistryException(400, 400, "Bad request: " + detail);
    }

    static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    static RegistryException unsupportedMediaType() {
        return new RegistryException(415, 415, "HTTP 415 Unsupported Media Type");
    }

    static RegistryException bodyTooLarge(int limit) {
        return new RegistryException(413, 413, "Request body is larger than " + limit + " bytes");
    }

    static RegistryException malformedBody(String detail) {
        return new RegistryException(422, 422, "Unprocessable entity: " + detail);
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException subjectLevelConfigNotFound(String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, List<String> details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /**
     * A subject name outside {@link SubjectName}'s rule: Confluent's status and code for an
     * invalid subject, with the reason added to its message.
     *
     * @param shown  the name as it may be repeated to the client (shortened when long)
     * @param reason why the name is refused, e.g. {@code it is empty}
     */
    static RegistryException invalidSubject(String shown, String reason) {
        return new RegistryException(422, 42208, "The specified subject '" + shown + "' is not valid: " + reason);
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    /** A failure of the {@code _schemas} topic; the cause is for the log, never for the client. */
    static RegistryException backend(String context, Throwable cause) {
        RegistryException e = new RegistryException(500, BACKEND_ERROR, "Error in the backend data store");
        e.initCause(new IllegalStateException(context, cause));
        return e;
    }
}
