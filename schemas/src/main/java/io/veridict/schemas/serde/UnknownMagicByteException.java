package io.veridict.schemas.serde;

/** The record does not start with the magic byte {@code 0}: it is not in the wire format. */
public final class UnknownMagicByteException extends AvroSerdeException {

    private final byte magicByte;

    UnknownMagicByteException(String topic, byte magicByte) {
        super(topic, String.format("Record from topic '%s' starts with byte 0x%02x, not the"
                + " Confluent wire-format magic byte 0x00", topic, magicByte), null);
        this.magicByte = magicByte;
    }

    /** The first byte that was found instead of {@code 0}. */
    public byte magicByte() {
        return magicByte;
    }

    @Override
    public String reason() {
        return UNKNOWN_MAGIC_BYTE;
    }
}
