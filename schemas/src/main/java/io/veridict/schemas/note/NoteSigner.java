package io.veridict.schemas.note;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 signer key of the C2SP signed-note format, written
 * {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>} (the form the Go
 * {@code note} package reads). Its string form is a secret: {@link #toString()} does not show it;
 * {@link #encoded()} does.
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final NoteVerifier verifier;
    private final byte[] seed;
    private final PrivateKey key;

    private NoteSigner(String name, byte[] seed) {
        if (seed.length != NoteKeys.KEY_SIZE) {
            throw new NoteFormatException("an Ed25519 seed has 32 bytes");
        }
        this.seed = seed.clone();
        this.verifier = new NoteVerifier(name, NoteKeys.publicKeyOf(seed));
        this.key = NoteKeys.privateKey(seed);
    }

    /** A signer for {@code name} from a 32-byte Ed25519 private key seed. */
    public static NoteSigner of(String name, byte[] seed) {
        return new NoteSigner(name, seed);
    }

    /**
     * Parses a signer key string.
     *
     * @throws NoteFormatException if it is malformed, not Ed25519, or its key id does not match its key
     */
    public static NoteSigner parse(String text) {
        String stripped = Objects.requireNonNull(text, "text").strip();
        if (!stripped.startsWith(PREFIX)) {
            throw new NoteFormatException("a signer key starts with PRIVATE+KEY+");
        }
        NoteKeys.Parts parts = NoteKeys.split(stripped.substring(PREFIX.length()), "signer key");
        try {
            NoteSigner signer = new NoteSigner(parts.name(), parts.key());
            if (!NoteKeys.hex(signer.verifier.keyId()).equals(parts.keyIdHex())) {
                throw new NoteFormatException("the signer key's id does not match its name and key");
            }
            return signer;
        } finally {
            Arrays.fill(parts.key(), (byte) 0);
        }
    }

    /** The matching verifier key. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** The Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(message);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The signer key string: a secret, for the file or variable it is kept in. */
    public String encoded() {
        byte[] typed = new byte[1 + NoteKeys.KEY_SIZE];
        typed[0] = NoteKeys.ED25519;
        System.arraycopy(seed, 0, typed, 1, NoteKeys.KEY_SIZE);
        try {
            return PREFIX + verifier.name() + "+" + NoteKeys.hex(verifier.keyId()) + "+"
                    + Base64.getEncoder().encodeToString(typed);
        } finally {
            Arrays.fill(typed, (byte) 0);
        }
    }

    /** Names the key, never shows it. */
    @Override
    public String toString() {
        return "NoteSigner[" + verifier.name() + "+" + NoteKeys.hex(verifier.keyId()) + "]";
    }
}
