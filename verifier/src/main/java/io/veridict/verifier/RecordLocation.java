package io.veridict.verifier;

import java.util.Objects;

/**
 * Where a verified record sits: a Kafka record, or a line of an export file. Reported with
 * every failure so that an auditor can fetch the record itself.
 */
public sealed interface RecordLocation permits RecordLocation.KafkaRecord, RecordLocation.FileLine {

    /** @return e.g. {@code veridict.entries partition 2 offset 57} or {@code export.ndjson line 12} */
    String describe();

    /**
     * A record of a Kafka topic.
     *
     * @param topic     topic name
     * @param partition partition number
     * @param offset    the record's offset
     */
    record KafkaRecord(String topic, int partition, long offset) implements RecordLocation {

        public KafkaRecord {
            Objects.requireNonNull(topic, "topic");
        }

        @Override
        public String describe() {
            return topic + " partition " + partition + " offset " + offset;
        }
    }

    /**
     * A line of an export file.
     *
     * @param file the file's name as given by the user
     * @param line the 1-based line number
     */
    record FileLine(String file, long line) implements RecordLocation {

        public FileLine {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return file + " line " + line;
        }
    }
}
