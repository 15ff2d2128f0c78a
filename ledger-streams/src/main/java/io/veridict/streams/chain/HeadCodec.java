package io.veridict.streams.chain;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.MerkleFrontier;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How a tenant's {@link ChainHead} is kept in the heads store (keyed by tenant id):
 * {@code u8 version(1) || u64 size || h32 chain_hash || frontier bytes}. The frontier is
 * always present: the chain processor has seen every leaf.
 */
public final class HeadCodec {

    private static final byte ENCODING_VERSION = 1;
    private static final int HASH_SIZE = 32;

    private HeadCodec() {
    }

    public static byte[] encode(ChainHead head) {
        byte[] frontier = head.frontierOrNull().encode();
        return ByteBuffer.allocate(1 + Long.BYTES + HASH_SIZE + frontier.length)
                .put(ENCODING_VERSION).putLong(head.size()).put(head.chainHash()).put(frontier).array();
    }

    public static ChainHead decode(String tenant, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != ENCODING_VERSION) {
            throw new IllegalStateException("tenant " + tenant + ": unknown head encoding version " + version);
        }
        long size = in.getLong();
        byte[] chainHash = new byte[HASH_SIZE];
        in.get(chainHash);
        MerkleFrontier frontier = MerkleFrontier.parse(Arrays.copyOfRange(bytes, in.position(), bytes.length));
        return new ChainHead(tenant, size, chainHash, frontier);
    }
}
