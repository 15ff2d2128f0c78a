package io.veridict.api.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.veridict.api.core.SecretSetting;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteSigner;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.util.Duration;
import io.veridict.streams.chain.CheckpointSchedule;
import java.util.Optional;

/**
 * Checkpoint signing (docs/checkpoints.md): the Ed25519 signer key, as a C2SP signer key string
 * ({@code PRIVATE+KEY+<name>+<id>+<base64>}), from {@code signingKey} or {@code signingKeyFile}
 * (never both; never logged, shown as "(set)"). Without one, checkpoints are not signed. The
 * key's name is the log's name: tenant {@code t}'s checkpoints carry the origin {@code <name>/t}.
 */
public class CheckpointFactory {

    @NotNull
    private String signingKey = "";

    @NotNull
    private String signingKeyFile = "";

    /** How often the chain signs the trees that grew onto the checkpoints topic; 0 turns the schedule off. */
    @NotNull
    private Duration interval = Duration.seconds(10);

    /** The chain's schedule: the signer (if any) every {@link #interval}; off without a key or with interval 0. */
    public CheckpointSchedule schedule(Optional<NoteSigner> signer) {
        if (signer.isEmpty() || interval.toMilliseconds() == 0) {
            return CheckpointSchedule.OFF;
        }
        return new CheckpointSchedule(signer.get(), java.time.Duration.ofMillis(interval.toMilliseconds()));
    }

    @JsonProperty
    public Duration getInterval() {
        return interval;
    }

    @JsonProperty
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** The signer, if one is configured. */
    public Optional<NoteSigner> build() {
        String text = SecretSetting.read("checkpoints", "signingKey", signingKey, "signingKeyFile", signingKeyFile,
                "signing key");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(NoteSigner.parse(text));
        } catch (NoteFormatException e) {
            // The message names the problem, never the key.
            throw new IllegalStateException("checkpoints: the signing key is not a signer key: " + e.getMessage(), e);
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
}
