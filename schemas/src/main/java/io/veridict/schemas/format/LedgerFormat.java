package io.veridict.schemas.format;

/**
 * The constants of ledger format version 1: the version number, the tag strings and the
 * one-byte domain-separation prefixes that keep every kind of hash input apart.
 *
 * <table>
 *   <caption>Domain-separation prefixes</caption>
 *   <tr><th>prefix</th><th>hash input</th></tr>
 *   <tr><td>{@code 0x00}</td><td>RFC 9162 Merkle leaf (the entry's leaf bytes)</td></tr>
 *   <tr><td>{@code 0x01}</td><td>RFC 9162 Merkle interior node</td></tr>
 *   <tr><td>{@code 0x02}</td><td>chain link</td></tr>
 *   <tr><td>{@code 0x03}</td><td>tenant genesis value</td></tr>
 * </table>
 *
 * @see "docs/ledger-format.md §2 Notation and §10 Versioning"
 */
public final class LedgerFormat {

    /** The only {@code format_version} this library writes and verifies. */
    public static final int FORMAT_VERSION = 1;

    /** Tag string that opens the leaf bytes of a version 1 entry. */
    public static final String ENTRY_TAG = "veridict.entry.v1";

    /** Tag string of the version 1 genesis input. */
    public static final String GENESIS_TAG = "veridict.genesis.v1";

    /** Size in bytes of every hash in the format (SHA-256). */
    public static final int HASH_SIZE = 32;

    /** Prefix of an RFC 9162 leaf hash input. */
    public static final byte LEAF_PREFIX = 0x00;

    /** Prefix of an RFC 9162 interior node hash input. */
    public static final byte NODE_PREFIX = 0x01;

    /** Prefix of a chain link hash input. */
    public static final byte CHAIN_PREFIX = 0x02;

    /** Prefix of the genesis hash input. */
    public static final byte GENESIS_PREFIX = 0x03;

    private LedgerFormat() {
    }

    /**
     * Tells whether this library implements a format version.
     *
     * @param formatVersion the version found in an entry
     * @return {@code true} exactly for {@link #FORMAT_VERSION}
     * @see "docs/ledger-format.md §10 Versioning"
     */
    public static boolean isSupported(int formatVersion) {
        return formatVersion == FORMAT_VERSION;
    }

    /**
     * Rejects a format version this library does not implement.
     *
     * @param formatVersion the version found in an entry
     * @throws UnsupportedFormatVersionException unless {@link #isSupported(int)}
     * @see "docs/ledger-format.md §10 Versioning"
     */
    public static void requireSupported(int formatVersion) {
        if (!isSupported(formatVersion)) {
            throw new UnsupportedFormatVersionException(formatVersion);
        }
    }
}
