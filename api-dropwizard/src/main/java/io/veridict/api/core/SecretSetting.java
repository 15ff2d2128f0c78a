package io.veridict.api.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret setting given either in the configuration (from the environment) or as a file: the
 * key pepper, the key-encryption keys, the checkpoint signing key. Never both; the file is read
 * as ASCII and stripped. Messages name the settings and the file, never the secret.
 */
public final class SecretSetting {

    private SecretSetting() {
    }

    /**
     * @param section   the configuration section, e.g. {@code auth}
     * @param valueName the setting holding the secret itself, e.g. {@code pepper}
     * @param fileName  the setting naming its file, e.g. {@code pepperFile}
     * @param what      what the file holds, for messages, e.g. {@code key pepper}
     * @return the secret's text, stripped; empty when neither is set
     * @throws IllegalStateException when both are set or the file cannot be read
     */
    public static String read(String section, String valueName, String value, String fileName, String file, String what) {
        String text = value.strip();
        if (file.isBlank()) {
            return text;
        }
        if (!text.isEmpty()) {
            throw new IllegalStateException(section + ": set either " + valueName + " or " + fileName + ", not both");
        }
        try {
            return Files.readString(Path.of(file.strip()), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException(section + ": cannot read the " + what + " file " + file.strip(), e);
        }
    }
}
