package io.veridict.schemas.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Test oracle: RFC 9162 §2.1.1 MTH written as the recursive definition, with its own hashing. */
final class NaiveMerkle {

    private NaiveMerkle() {
    }

    static byte[] mth(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return sha256(new byte[] {1}, mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
    }

    /** Leaf hashes {@code H(0x00 || i)} over single-byte leaf data {@code i}, as in merkle.json. */
    static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(sha256(new byte[] {0, (byte) i}));
        }
        return leaves;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
