package io.veridict.verifier;

/** A proof bundle that does not prove what it claims; {@link #code()} says which check failed. */
public final class ProofBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Not a {@code tlog-proof}, or its extra line is not an export entry line. */
    public static final String MALFORMED = "BUNDLE_MALFORMED";
    /** The checkpoint is not signed by the given key, or its note is not a checkpoint. */
    public static final String CHECKPOINT_NOT_SIGNED = "CHECKPOINT_NOT_SIGNED";
    /** The checkpoint's origin is not the key's name and the entry's tenant. */
    public static final String ORIGIN_MISMATCH = "ORIGIN_MISMATCH";
    /** The bundle's index is not the entry's seq, or not below the checkpoint's size. */
    public static final String INDEX_MISMATCH = "INDEX_MISMATCH";
    /** The entry's leaf or chain hash is not what its other fields hash to. */
    public static final String HEADER_HASH_MISMATCH = "HEADER_HASH_MISMATCH";
    /** The payload does not hash to the header's payload hash. */
    public static final String PAYLOAD_HASH_MISMATCH = "PAYLOAD_HASH_MISMATCH";
    /** The inclusion proof does not lead from the entry's leaf to the checkpoint's root. */
    public static final String INCLUSION_PROOF_FAILED = "INCLUSION_PROOF_FAILED";

    private final String code;

    public ProofBundleException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** One of the constants of this class. */
    public String code() {
        return code;
    }
}
