package io.veridict.dev.registry;

import org.apache.avro.Schema;

/**
 * One registered version of a subject: the subject, its version number (from 1), the
 * global schema id and the parsed schema.
 */
record SubjectVersion(String subject, int version, int id, Schema schema) {

    /** The schema as the registry stores and answers it: Avro's normalised JSON form. */
    String schemaText() {
        return schema.toString();
    }
}
