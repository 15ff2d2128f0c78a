package io.veridict.api.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.veridict.api.core.SecretSetting;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteSigner;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.util.Duration;
import io.veridict.streams.chain.CheckpointSchedule;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.streams.chain.CheckpointKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint signing (docs/checkpoints.md): the Ed25519 signer key, as a C2SP signer key string
 * ({@code PRIVATE+KEY+<name>+<id>+<base64>}), from {@code signingKey} or {@code signingKeyFile}
 * (never both; never logged, shown as "(set)"). Without one, checkpoints are not signed. The
 * key's name is the log's name: tenant {@code t}'s checkpoints carry the origin {@code <name>/t}.
 * A rotation: {@code nextSigningKey[File]} signs from {@code nextSigningFrom} on; keys no longer
 * signing are published from {@code retiredKeys} (docs/checkpoints.md §9).
 */
public class CheckpointFactory {

    @NotNull
    private String signingKey = "";

    @NotNull
    private String signingKeyFile = "";

    @NotNull
    private String nextSigningKey = "";

    @NotNull
    private String nextSigningKeyFile = "";

    /** When the next key takes over (RFC 3339, UTC); required with a next key. */
    @NotNull
    private String nextSigningFrom = "";

    @NotNull
    private List<RetiredKey> retiredKeys = new ArrayList<>();

    /** How often the chain signs the trees that grew onto the checkpoints topic; 0 turns the schedule off. */
    @NotNull
    private Duration interval = Duration.seconds(10);

    /** The chain's schedule: the keys every {@link #interval}; off without a key or with interval 0. */
    public CheckpointSchedule schedule(CheckpointKeys keys) {
        if (!keys.any() || interval.toMilliseconds() == 0) {
            return CheckpointSchedule.OFF;
        }
        return new CheckpointSchedule(keys, java.time.Duration.ofMillis(interval.toMilliseconds()));
    }

    @JsonProperty
    public Duration getInterval() {
        return interval;
    }

    @JsonProperty
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** The log's keys: the signer (if one is configured), the next one and the retired ones. */
    public CheckpointKeys build() {
        NoteSigner current = signer("signingKey", signingKey, "signingKeyFile", signingKeyFile);
        NoteSigner next = signer("nextSigningKey", nextSigningKey, "nextSigningKeyFile", nextSigningKeyFile);
        List<CheckpointKeys.Published> old = new ArrayList<>();
        for (RetiredKey key : retiredKeys) {
            old.add(key.build());
        }
        try {
            return new CheckpointKeys(current, next, nextSigningFrom.isEmpty() ? null : instant("nextSigningFrom", nextSigningFrom),
                    old);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("checkpoints: " + e.getMessage(), e);
        }
    }

    private static NoteSigner signer(String name, String value, String fileName, String file) {
        String text = SecretSetting.read("checkpoints", name, value, fileName, file, "signing key");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return NoteSigner.parse(text);
        } catch (NoteFormatException e) {
            // The message names the problem, never the key.
            throw new IllegalStateException("checkpoints." + name + ": not a signer key: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("checkpoints." + name + ": not an RFC 3339 instant in UTC (e.g. 2027-01-01T00:00:00Z): "
                    + text, e);
        }
    }

    /** A retired key, published with its validity: {@code verifierKey}, {@code validFrom}, {@code validUntil}. */
    public static class RetiredKey {

        @NotNull
        private String verifierKey = "";
        @NotNull
        private String validFrom = "";
        @NotNull
        private String validUntil = "";

        CheckpointKeys.Published build() {
            NoteVerifier key;
            try {
                key = NoteVerifier.parse(verifierKey);
            } catch (NoteFormatException e) {
                throw new IllegalStateException("checkpoints.retiredKeys: not a verifier key: " + verifierKey, e);
            }
            if (validUntil.isEmpty()) {
                throw new IllegalStateException("checkpoints.retiredKeys: " + verifierKey + " needs validUntil");
            }
            return new CheckpointKeys.Published(key, validFrom.isEmpty() ? null : instant("retiredKeys.validFrom", validFrom),
                    instant("retiredKeys.validUntil", validUntil));
        }

        @JsonProperty
        public String getVerifierKey() {
            return verifierKey;
        }

        @JsonProperty
        public void setVerifierKey(String verifierKey) {
            this.verifierKey = verifierKey == null ? "" : verifierKey;
        }

        @JsonProperty
        public String getValidFrom() {
            return validFrom;
        }

        @JsonProperty
        public void setValidFrom(String validFrom) {
            this.validFrom = validFrom == null ? "" : validFrom;
        }

        @JsonProperty
        public String getValidUntil() {
            return validUntil;
        }

        @JsonProperty
        public void setValidUntil(String validUntil) {
            this.validUntil = validUntil == null ? "" : validUntil;
        }
    }

    @JsonProperty
    public String getSigningKey() {
        return signingKey.isEmpty() ? "" : "(set)";
    }

    @JsonProperty
    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey == null ? "" : signingKey;
    }

    @JsonProperty
    public String getSigningKeyFile() {
        return signingKeyFile;
    }

    @JsonProperty
    public void setSigningKeyFile(String signingKeyFile) {
        this.signingKeyFile = signingKeyFile == null ? "" : signingKeyFile;
    }

    @JsonProperty
    public String getNextSigningKey() {
        return nextSigningKey.isEmpty() ? "" : "(set)";
    }

    @JsonProperty
    public void setNextSigningKey(String nextSigningKey) {
        this.nextSigningKey = nextSigningKey == null ? "" : nextSigningKey;
    }

    @JsonProperty
    public String getNextSigningKeyFile() {
        return nextSigningKeyFile;
    }

    @JsonProperty
    public void setNextSigningKeyFile(String nextSigningKeyFile) {
        this.nextSigningKeyFile = nextSigningKeyFile == null ? "" : nextSigningKeyFile;
    }

    @JsonProperty
    public String getNextSigningFrom() {
        return nextSigningFrom;
    }

    @JsonProperty
    public void setNextSigningFrom(String nextSigningFrom) {
        this.nextSigningFrom = nextSigningFrom == null ? "" : nextSigningFrom;
    }

    @JsonProperty
    public List<RetiredKey> getRetiredKeys() {
        return retiredKeys;
    }

    @JsonProperty
    public void setRetiredKeys(List<RetiredKey> retiredKeys) {
        this.retiredKeys = retiredKeys == null ? new ArrayList<>() : retiredKeys;
    }
}
