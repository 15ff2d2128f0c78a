package io.veridict.streams.chain;

import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleFrontier;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tenant's chain head as the chain processor keeps it: the next seq, the chain hash of
 * the last entry (the genesis value before the first), and the Merkle frontier over every
 * leaf so far.
 *
 * <p>Stored as {@code u8 version(1) || u64 next_seq || h32 chain_hash || frontier bytes}.
 */
public record TenantHead(long nextSeq, byte[] chainHash, MerkleFrontier frontier) {

    private static final byte ENCODING_VERSION = 1;

    /** The head of a tenant with no entries yet. */
    public static TenantHead genesis(String tenant) {
        return new TenantHead(0, LedgerHashes.genesis(tenant), MerkleFrontier.empty());
    }

    /** The head after appending an entry with these hashes. */
    public TenantHead append(byte[] leafHash, byte[] newChainHash) {
        return new TenantHead(nextSeq + 1, newChainHash, frontier.append(leafHash));
    }

    public byte[] encode() {
        byte[] f = frontier.encode();
        return ByteBuffer.allocate(1 + Long.BYTES + chainHash.length + f.length)
                .put(ENCODING_VERSION).putLong(nextSeq).put(chainHash).put(f).array();
    }

    public static TenantHead decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != ENCODING_VERSION) {
            throw new IllegalStateException("unknown tenant head encoding version " + version);
        }
        long nextSeq = in.getLong();
        byte[] chainHash = new byte[32];
        in.get(chainHash);
        byte[] frontier = Arrays.copyOfRange(bytes, in.position(), bytes.length);
        return new TenantHead(nextSeq, chainHash, MerkleFrontier.parse(frontier));
    }
}
