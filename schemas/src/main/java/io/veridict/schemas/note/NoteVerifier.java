package io.veridict.schemas.note;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 verifier key of the C2SP signed-note format, written
 * {@code <name>+<key id, 8 hex digits>+<base64(0x01 || 32-byte public key)>}. Immutable.
 */
public final class NoteVerifier {

    private final String name;
    private final int keyId;
    private final byte[] publicKey;
    private final PublicKey key;

    NoteVerifier(String name, byte[] publicKey) {
        this.name = NoteKeys.checkName(name);
        this.publicKey = publicKey.clone();
        this.keyId = NoteKeys.keyId(name, publicKey);
        this.key = NoteKeys.publicKey(publicKey);
    }

    /**
     * Parses a verifier key string.
     *
     * @throws NoteFormatException if it is malformed, not Ed25519, or its key id does not match its key
     */
    public static NoteVerifier parse(String text) {
        NoteKeys.Parts parts = NoteKeys.split(Objects.requireNonNull(text, "text").strip(), "verifier key");
        NoteVerifier verifier = new NoteVerifier(parts.name(), parts.key());
        if (!NoteKeys.hex(verifier.keyId).equals(parts.keyIdHex())) {
            throw new NoteFormatException("the verifier key's id " + parts.keyIdHex() + " does not match its name and key");
        }
        return verifier;
    }

    /** The key's name: the log origin it signs for, typically. */
    public String name() {
        return name;
    }

    /** The 32-bit key id. */
    public int keyId() {
        return keyId;
    }

    /** The 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    boolean verifies(byte[] message, byte[] signature) {
        if (signature.length != NoteKeys.SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(message);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The verifier key string. */
    @Override
    public String toString() {
        byte[] typed = new byte[1 + NoteKeys.KEY_SIZE];
        typed[0] = NoteKeys.ED25519;
        System.arraycopy(publicKey, 0, typed, 1, NoteKeys.KEY_SIZE);
        return name + "+" + NoteKeys.hex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifier that && name.equals(that.name) && java.util.Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyId;
    }
}
