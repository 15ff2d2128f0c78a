package io.veridict.schemas.format;

/**
 * Thrown when asked to hash or verify an entry under a {@code format_version} this library does
 * not implement. A verifier MUST NOT guess at the layout of an unknown version.
 *
 * @see "docs/ledger-format.md §10 Versioning"
 */
public final class UnsupportedFormatVersionException extends LedgerFormatException {

    private final int version;

    /**
     * Creates the exception for one unknown version.
     *
     * @param version the version found in the entry
     */
    public UnsupportedFormatVersionException(int version) {
        super("unsupported ledger format_version " + version + "; this library implements "
                + LedgerFormat.SUPPORTED_VERSIONS);
        this.version = version;
    }

    /** @return the unknown version that was found */
    public int version() {
        return version;
    }
}
