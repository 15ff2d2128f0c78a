package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryException;

/**
 * The schema registry failed a request the serde needed. The cause holds the HTTP status and
 * the Confluent error code. Retriable failures (unreachable, timeout, 5xx) have the reason
 * {@link #REGISTRY_UNAVAILABLE}; refusals have {@link #REGISTRY_REJECTED}.
 */
public final class RegistryRequestException extends AvroSerdeException {

    RegistryRequestException(String topic, String action, SchemaRegistryException cause) {
        super(topic, "Schema registry failed while " + action + " for topic '" + topic + "': "
                + cause.getMessage(), cause);
    }

    /** The registry's HTTP status, or {@link SchemaRegistryException#NO_HTTP_STATUS}. */
    public int httpStatus() {
        return registryFailure().httpStatus();
    }

    /** The registry's Confluent error code, or {@link SchemaRegistryException#NO_ERROR_CODE}. */
    public int errorCode() {
        return registryFailure().errorCode();
    }

    @Override
    public String reason() {
        return isRetriable() ? REGISTRY_UNAVAILABLE : REGISTRY_REJECTED;
    }

    @Override
    public boolean isRetriable() {
        return registryFailure().isRetriable();
    }

    private SchemaRegistryException registryFailure() {
        return (SchemaRegistryException) getCause();
    }
}
