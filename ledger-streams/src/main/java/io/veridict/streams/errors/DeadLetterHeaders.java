package io.veridict.streams.errors;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Header names on dead-letter records. The record's key and value are the original
 * record's; these headers say why it was rejected and where it came from.
 */
public final class DeadLetterHeaders {

    /** Stable, machine-readable reason code, e.g. {@code UNKNOWN_MAGIC_BYTE}. */
    public static final String REASON = "veridict.dlq.reason";
    /** Human-readable explanation. Never contains payload data. */
    public static final String MESSAGE = "veridict.dlq.message";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "veridict.dlq.source.topic";
    /** Partition the record was read from (decimal text). */
    public static final String SOURCE_PARTITION = "veridict.dlq.source.partition";
    /** Offset the record was read from (decimal text). */
    public static final String SOURCE_OFFSET = "veridict.dlq.source.offset";

    private DeadLetterHeaders() {
    }

    /** Adds the reason and origin headers to {@code headers}. */
    public static Headers describe(Headers headers, String reason, String message, String topic, int partition, long offset) {
        headers.remove(REASON).remove(MESSAGE).remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
        headers.add(REASON, utf8(reason));
        headers.add(MESSAGE, utf8(message));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    /** The value of {@code name} as UTF-8 text, or null when absent. */
    public static String text(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
