package io.veridict.streams.topics;

/** Topics could not be created or described. */
public class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
