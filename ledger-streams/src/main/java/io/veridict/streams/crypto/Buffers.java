package io.veridict.streams.crypto;

import java.nio.ByteBuffer;

/** The bytes an Avro {@code bytes} field holds, copied out without moving the buffer. */
final class Buffers {

    private Buffers() {
    }

    static byte[] copy(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
