package io.veridict.streams.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@link Kms} whose key-encryption keys are given to the process (from the environment or a
 * file): AES-256 keys, each with an id. The first is current and wraps new data keys; the others
 * only unwrap what they wrapped before, so a KEK rotates by putting the new one first, rewrapping
 * (the service does it on start), then dropping the old one.
 *
 * <p>Text form, as {@code VERIDICT_KEKS} or the file {@code VERIDICT_KEKS_FILE} holds it: entries
 * {@code id:base64} separated by commas or line breaks, e.g. {@code kek-2026-12:q83v...=,kek-2026-06:Zm9v...=}.
 * An id is 1-64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit; a key
 * decodes to exactly 32 bytes. Wrapping is AES-256-GCM with a random nonce, the KEK's id and the
 * caller's associated data authenticated.
 */
public final class LocalKms implements Kms {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final byte[] WRAP_TAG = "veridict.kek-wrap.v1".getBytes(StandardCharsets.UTF_8);

    private final Map<String, byte[]> keks;
    private final String current;
    private final SecureRandom random = new SecureRandom();

    private LocalKms(Map<String, byte[]> keks, String current) {
        this.keks = keks;
        this.current = current;
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting a key
     */
    public static LocalKms parse(String text) {
        Map<String, byte[]> keks = new LinkedHashMap<>();
        String current = null;
        int position = 0;
        for (String raw : text.split("[,\\r\\n]+")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            position++;
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("KEK " + position + " is not of the form id:base64");
            }
            String id = item.substring(0, colon).strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("KEK " + position + ": the id must be 1-64 characters of a-z 0-9 . _ -");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(item.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("KEK " + id + " is not base64");
            }
            if (key.length != Aes256Gcm.KEY_SIZE) {
                throw new IllegalArgumentException("KEK " + id + " must decode to " + Aes256Gcm.KEY_SIZE + " bytes, not "
                        + key.length);
            }
            if (keks.putIfAbsent(id, key) != null) {
                throw new IllegalArgumentException("KEK id " + id + " appears twice");
            }
            if (current == null) {
                current = id;
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("no KEK given");
        }
        return new LocalKms(keks, current);
    }

    /** A fresh KEK in the text form, {@code id:base64}: what {@code veridict dev} writes to its data folder. */
    public static String generate(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a KEK id must be 1-64 characters of a-z 0-9 . _ -");
        }
        byte[] key = new byte[Aes256Gcm.KEY_SIZE];
        new SecureRandom().nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String currentKekId() {
        return current;
    }

    @Override
    public Wrapped wrap(byte[] dataKey, byte[] associatedData) {
        return new Wrapped(current, Aes256Gcm.seal(keks.get(current), dataKey, bind(current, associatedData), random));
    }

    @Override
    public byte[] unwrap(Wrapped wrapped, byte[] associatedData) {
        byte[] kek = keks.get(wrapped.kekId());
        if (kek == null) {
            throw new KeyUnavailableException("key-encryption key " + wrapped.kekId() + " is not configured");
        }
        byte[] key = Aes256Gcm.openOrNull(kek, wrapped.bytes(), bind(wrapped.kekId(), associatedData));
        if (key == null || key.length != Aes256Gcm.KEY_SIZE) {
            throw new KeyUnavailableException("a data key wrapped by " + wrapped.kekId() + " does not authenticate");
        }
        return key;
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return "LocalKms[current=" + current + ", keks=" + keks.keySet() + "]";
    }

    private static byte[] bind(String kekId, byte[] associatedData) {
        return new Aad().bytes(WRAP_TAG).text(kekId).bytes(associatedData).toByteArray();
    }
}
