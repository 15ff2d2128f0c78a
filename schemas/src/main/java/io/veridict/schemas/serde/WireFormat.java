package io.veridict.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian signed
 * integer, then the Avro binary encoding of the record under that schema.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId}. */
    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Checks the header of a record and returns its schema id.
     *
     * @throws UnknownMagicByteException when the first byte is not {@code 0}
     * @throws MalformedPayloadException when the record is shorter than the header
     */
    static int schemaId(String topic, byte[] data) {
        if (data.length > 0 && data[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, data[0]);
        }
        if (data.length < HEADER_SIZE) {
            throw new MalformedPayloadException(topic, data.length + " bytes, fewer than the "
                    + HEADER_SIZE + "-byte wire-format header", null);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
