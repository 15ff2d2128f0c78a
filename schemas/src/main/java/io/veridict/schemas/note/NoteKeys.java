package io.veridict.schemas.note;

import io.veridict.schemas.format.Sha256;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** What signer and verifier keys share: names, key ids, and the Ed25519 encodings (C2SP signed-note). */
final class NoteKeys {

    /** The signature type byte of Ed25519 in key ids and key strings. */
    static final byte ED25519 = 0x01;
    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    private static final HexFormat HEX = HexFormat.of();

    private NoteKeys() {
    }

    /**
     * A key name: non-empty UTF-8 without Unicode spaces and without {@code +}.
     *
     * @throws NoteFormatException if it is not one
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('+') >= 0
                || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20)) {
            throw new NoteFormatException("a key name must be non-empty, without spaces, control characters or '+'");
        }
        return name;
    }

    /** A key string's parts: name, key id (8 hex digits), and the 32 key bytes after the type byte. */
    record Parts(String name, String keyIdHex, byte[] key) {
    }

    /**
     * Splits {@code <name>+<8 hex digits>+<base64(0x01 || 32 bytes)>} (the base64 may hold {@code +}).
     *
     * @param what "verifier key" or "signer key", for messages
     * @throws NoteFormatException if it is not of that form or not Ed25519
     */
    static Parts split(String text, String what) {
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new NoteFormatException("a " + what + " is <name>+<8 hex digits>+<base64 key>");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteFormatException("the " + what + "'s key is not base64");
        }
        try {
            if (typed.length != 1 + KEY_SIZE || typed[0] != ED25519) {
                throw new NoteFormatException("the " + what + " is not an Ed25519 key (type 0x01, 32 bytes)");
            }
            return new Parts(parts[0], parts[1], Arrays.copyOfRange(typed, 1, typed.length));
        } finally {
            Arrays.fill(typed, (byte) 0);
        }
    }

    /** The key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
    static int keyId(String name, byte[] publicKey) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(utf8.length + 2 + publicKey.length).put(utf8).put((byte) '\n').put(ED25519)
                .put(publicKey).array();
        return ByteBuffer.wrap(Sha256.hash(input), 0, 4).getInt();
    }

    static String hex(int keyId) {
        return HEX.toHexDigits(keyId);
    }

    /** The Ed25519 public key of a 32-byte private key seed. */
    static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return encode(((EdECPublicKey) pair.getPublic()).getPoint());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * @throws NoteFormatException if the 32 bytes are not an Ed25519 point encoding
     */
    static PublicKey publicKey(byte[] encoded) {
        byte[] littleEndian = encoded.clone();
        boolean xOdd = (littleEndian[KEY_SIZE - 1] & 0x80) != 0;
        littleEndian[KEY_SIZE - 1] &= 0x7f;
        byte[] bigEndian = new byte[KEY_SIZE];
        for (int i = 0; i < KEY_SIZE; i++) {
            bigEndian[i] = littleEndian[KEY_SIZE - 1 - i];
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bigEndian))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new NoteFormatException("not an Ed25519 public key", e);
        }
    }

    /** RFC 8032 §5.1.2: y in little-endian, the top bit the parity of x. */
    private static byte[] encode(EdECPoint point) {
        byte[] y = point.getY().toByteArray();
        byte[] out = new byte[KEY_SIZE];
        for (int i = 0; i < y.length && i < KEY_SIZE; i++) {
            out[i] = y[y.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[KEY_SIZE - 1] |= (byte) 0x80;
        }
        return out;
    }

    /** A "random" source that yields the seed it was given: how a key pair is derived from its seed. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " bytes of a " + seed.length + "-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
            Arrays.fill(seed, (byte) 0);
        }
    }
}
