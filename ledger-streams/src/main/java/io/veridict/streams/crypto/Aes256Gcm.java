package io.veridict.streams.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit random nonce and a 128-bit tag, through the JDK's provider.
 * Sealed form: {@code nonce (12) || ciphertext || tag (16)}.
 */
final class Aes256Gcm {

    static final int KEY_SIZE = 32;
    static final int NONCE_SIZE = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD = NONCE_SIZE + TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** One cipher per thread: looking the transformation up costs more than sealing a payload. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    });

    private Aes256Gcm() {
    }

    /** Encrypts {@code plaintext} under {@code key} with a fresh nonce from {@code random}. */
    static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData, SecureRandom random) {
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        byte[] ciphertext = seal(key, nonce, plaintext, associatedData);
        byte[] sealed = new byte[NONCE_SIZE + ciphertext.length];
        System.arraycopy(nonce, 0, sealed, 0, NONCE_SIZE);
        System.arraycopy(ciphertext, 0, sealed, NONCE_SIZE, ciphertext.length);
        return sealed;
    }

    /** Encrypts with the given nonce; the result is {@code ciphertext || tag}. The nonce MUST never repeat under a key. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Decrypts a {@link #seal(byte[], byte[], byte[], SecureRandom)} result; null when it does not authenticate. */
    static byte[] openOrNull(byte[] key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < OVERHEAD) {
            return null;
        }
        return openOrNull(key, Arrays.copyOf(sealed, NONCE_SIZE), Arrays.copyOfRange(sealed, NONCE_SIZE, sealed.length),
                associatedData);
    }

    /** Decrypts {@code ciphertext || tag}; null when it does not authenticate under this key, nonce and data. */
    static byte[] openOrNull(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData) {
        if (nonce.length != NONCE_SIZE || ciphertext.length < TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    private static SecretKeySpec aesKey(byte[] key) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_SIZE + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }
}
