package io.veridict.schemas.format;

/**
 * The constants of ledger format versions 1 and 2: the version numbers, the tag strings and the
 * one-byte domain-separation prefixes that keep every kind of hash input apart.
 *
 * <p>Version 2 differs from version 1 only in the payload hash, which commits to the payload
 * under a per-entry random salt stored with the payload ({@link LedgerHashes#saltedPayloadHash}),
 * and in the tag that opens the leaf bytes. Genesis, the chain link and Merkle hashing are the
 * same for both.
 *
 * <table>
 *   <caption>Domain-separation prefixes</caption>
 *   <tr><th>prefix</th><th>hash input</th></tr>
 *   <tr><td>{@code 0x00}</td><td>RFC 9162 Merkle leaf (the entry's leaf bytes)</td></tr>
 *   <tr><td>{@code 0x01}</td><td>RFC 9162 Merkle interior node</td></tr>
 *   <tr><td>{@code 0x02}</td><td>chain link</td></tr>
 *   <tr><td>{@code 0x03}</td><td>tenant genesis value</td></tr>
 *   <tr><td>{@code 0x04}</td><td>salted payload commitment (version 2)</td></tr>
 * </table>
 *
 * @see "docs/ledger-format.md §2 Notation and §10 Versioning"
 */
public final class LedgerFormat {

    /** Format version 1: the payload hash is the plain SHA-256 of the payload bytes. */
    public static final int VERSION_1 = 1;

    /** Format version 2: the payload hash commits to the payload under a salt stored with it. */
    public static final int VERSION_2 = 2;

    /** The version a ledger writer gives new entries. */
    public static final int CURRENT_VERSION = VERSION_2;

    /** Tag string that opens the leaf bytes of a version 1 entry. */
    public static final String ENTRY_TAG_V1 = "veridict.entry.v1";

    /** Tag string that opens the leaf bytes of a version 2 entry. */
    public static final String ENTRY_TAG_V2 = "veridict.entry.v2";

    /** Tag string of the genesis input; genesis is per tenant, not per entry, and not versioned per entry. */
    public static final String GENESIS_TAG = "veridict.genesis.v1";

    /** Tag string of the version 2 payload hash input. */
    public static final String PAYLOAD_TAG_V2 = "veridict.payload.v2";

    /** Size in bytes of every hash in the format (SHA-256). */
    public static final int HASH_SIZE = 32;

    /** Size in bytes of the salt of a version 2 payload. */
    public static final int SALT_SIZE = 32;

    /** Prefix of an RFC 9162 leaf hash input. */
    public static final byte LEAF_PREFIX = 0x00;

    /** Prefix of an RFC 9162 interior node hash input. */
    public static final byte NODE_PREFIX = 0x01;

    /** Prefix of a chain link hash input. */
    public static final byte CHAIN_PREFIX = 0x02;

    /** Prefix of the genesis hash input. */
    public static final byte GENESIS_PREFIX = 0x03;

    /** Prefix of the version 2 (salted) payload hash input. */
    public static final byte PAYLOAD_PREFIX = 0x04;

    /** The supported versions as a verifier reports them: decimal, ascending, comma-separated. */
    static final String SUPPORTED_VERSIONS = VERSION_1 + "," + VERSION_2;

    private LedgerFormat() {
    }

    /**
     * Tells whether this library implements a format version.
     *
     * @param formatVersion the version found in an entry
     * @return {@code true} for {@link #VERSION_1} and {@link #VERSION_2}
     * @see "docs/ledger-format.md §10 Versioning"
     */
    public static boolean isSupported(int formatVersion) {
        return formatVersion == VERSION_1 || formatVersion == VERSION_2;
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

    /**
     * Tells whether the payload of an entry of this version is hashed under a salt.
     *
     * @param formatVersion a supported version
     * @return {@code true} for version 2
     * @throws UnsupportedFormatVersionException if the version is not supported
     */
    public static boolean isSalted(int formatVersion) {
        requireSupported(formatVersion);
        return formatVersion == VERSION_2;
    }

    /**
     * The tag that opens the leaf bytes of an entry of this version.
     *
     * @param formatVersion a supported version
     * @return {@link #ENTRY_TAG_V1} or {@link #ENTRY_TAG_V2}
     * @throws UnsupportedFormatVersionException if the version is not supported
     */
    public static String entryTag(int formatVersion) {
        return isSalted(formatVersion) ? ENTRY_TAG_V2 : ENTRY_TAG_V1;
    }

    /**
     * Why the salt stored with a payload does not fit the entry's version, in the words a
     * verifier reports as the "actual" value of a payload hash mismatch (spec §9.2 check 7):
     * a version 2 payload needs a salt of exactly {@link #SALT_SIZE} bytes, a version 1
     * payload has none.
     *
     * @param formatVersion a supported version
     * @param saltLength    the length of the stored salt, or {@code -1} when there is none
     * @return {@code "missing salt"}, {@code "salt of N bytes"}, {@code "unexpected salt"}, or
     *         null when the salt fits
     * @throws UnsupportedFormatVersionException if the version is not supported
     * @see "docs/ledger-format.md §4.4 Payload hash"
     */
    public static String saltProblem(int formatVersion, int saltLength) {
        if (isSalted(formatVersion)) {
            if (saltLength < 0) {
                return "missing salt";
            }
            return saltLength == SALT_SIZE ? null : "salt of " + saltLength + " bytes";
        }
        return saltLength < 0 ? null : "unexpected salt";
    }
}
