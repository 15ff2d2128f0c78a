package io.veridict.api.cli;

import io.veridict.schemas.note.NoteSigner;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Fresh secret values in the forms the configuration reads them, for {@code veridict dev} and
 * {@code veridict secrets}. (Key-encryption keys: {@code LocalKms.generate}; operator tokens:
 * {@code TokenFormat.newOperatorToken}.)
 */
final class NewSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private NewSecrets() {
    }

    /** A key pepper: base64 of 32 random bytes. */
    static String pepper() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        try {
            return Base64.getEncoder().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A checkpoint signer key string named {@code name}, from a random Ed25519 seed. */
    static String checkpointKey(String name) {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        try {
            return NoteSigner.of(name, seed).encoded();
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
