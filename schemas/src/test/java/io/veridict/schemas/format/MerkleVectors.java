package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds {@code merkle.json}: roots, frontiers and proofs over eight fixed leaves. */
final class MerkleVectors {

    static final int LEAVES = 8;
    private static final HexFormat HEX = HexFormat.of();

    private MerkleVectors() {
    }

    static ObjectNode build() {
        List<byte[]> leaves = NaiveMerkle.leaves(LEAVES);
        ObjectNode root = JsonNodeFactory.instance.objectNode()
                .put("description", "RFC 9162 Merkle trees (docs/ledger-format.md §8). Leaf i (0..7) has the single "
                        + "data byte i, so leaf_hashes[i] = SHA-256(0x00 || i). Tree of size n = the first n leaves. "
                        + "Inclusion paths and consistency proofs are lists of hex hashes in RFC 9162 order; "
                        + "'invalid_*' entries MUST fail verification.");
        hexArray(root.putArray("leaf_hashes"), leaves);
        ArrayNode trees = root.putArray("trees");
        for (int n = 0; n <= LEAVES; n++) {
            trees.addObject().put("size", n).put("root", hex(MerkleTree.root(leaves.subList(0, n))))
                    .put("frontier", HEX.formatHex(MerkleFrontierTest.frontierOf(leaves.subList(0, n)).encode()));
        }
        ArrayNode inclusion = root.putArray("inclusion_proofs");
        for (int n = 1; n <= LEAVES; n++) {
            for (int i = 0; i < n; i++) {
                inclusion.add(inclusion(i, n, leaves.get(i), MerkleTree.inclusionProof(leaves.subList(0, n), i),
                        MerkleTree.root(leaves.subList(0, n))));
            }
        }
        ArrayNode consistency = root.putArray("consistency_proofs");
        for (int n = 1; n <= LEAVES; n++) {
            for (int m = 0; m <= n; m++) {
                consistency.add(consistency(m, n, leaves, MerkleTree.consistencyProof(leaves.subList(0, n), m)));
            }
        }
        invalid(root, leaves);
        return root;
    }

    private static void invalid(ObjectNode root, List<byte[]> leaves) {
        List<byte[]> seven = leaves.subList(0, 7);
        byte[] root7 = MerkleTree.root(seven);
        List<byte[]> path = MerkleTree.inclusionProof(seven, 3);
        List<byte[]> flipped = new ArrayList<>(path);
        flipped.set(1, HeaderEdit.flipped(flipped.get(1)));
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root7);
        ArrayNode inclusion = root.putArray("invalid_inclusion_proofs");
        inclusion.add(inclusion(3, 7, leaves.get(3), path, MerkleTree.root(leaves.subList(0, 6))).put("why", "root of another size"));
        inclusion.add(inclusion(3, 7, leaves.get(3), flipped, root7).put("why", "path element altered"));
        inclusion.add(inclusion(3, 7, leaves.get(3), path.subList(0, 2), root7).put("why", "path too short"));
        inclusion.add(inclusion(3, 7, leaves.get(3), longer, root7).put("why", "path too long"));
        inclusion.add(inclusion(4, 7, leaves.get(3), path, root7).put("why", "wrong index"));
        inclusion.add(inclusion(7, 7, leaves.get(3), path, root7).put("why", "index not in the tree"));
        List<byte[]> proof = MerkleTree.consistencyProof(seven, 3);
        ArrayNode consistency = root.putArray("invalid_consistency_proofs");
        consistency.add(consistency(3, 7, leaves, proof).put("old_root", hex(MerkleTree.root(leaves.subList(1, 4))))
                .put("why", "old root of another tree"));
        consistency.add(consistency(3, 7, leaves, proof).put("new_root", hex(MerkleTree.root(leaves.subList(0, 6))))
                .put("why", "new root of another size"));
        consistency.add(consistency(3, 7, leaves, proof.subList(0, 3)).put("why", "proof too short"));
        consistency.add(consistency(4, 7, leaves, List.of()).put("why", "empty proof between different sizes"));
        consistency.add(consistency(5, 5, leaves, List.of(leaves.get(0))).put("why", "non-empty proof between equal sizes"));
    }

    private static ObjectNode inclusion(int index, int size, byte[] leafHash, List<byte[]> path, byte[] treeRoot) {
        ObjectNode proof = JsonNodeFactory.instance.objectNode().put("index", index).put("size", size)
                .put("leaf_hash", hex(leafHash)).put("root", hex(treeRoot));
        hexArray(proof.putArray("path"), path);
        return proof;
    }

    private static ObjectNode consistency(int oldSize, int newSize, List<byte[]> leaves, List<byte[]> proof) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("old_size", oldSize).put("new_size", newSize)
                .put("old_root", hex(MerkleTree.root(leaves.subList(0, oldSize))))
                .put("new_root", hex(MerkleTree.root(leaves.subList(0, newSize))));
        hexArray(json.putArray("proof"), proof);
        return json;
    }

    private static void hexArray(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(h -> array.add(hex(h)));
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
