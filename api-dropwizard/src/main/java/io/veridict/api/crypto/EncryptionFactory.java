package io.veridict.api.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.veridict.api.core.SecretSetting;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.LocalKms;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Encryption at rest (docs/encryption.md): the key-encryption keys that wrap the tenants' data
 * keys, from {@code keks} or {@code keksFile} (never both; never logged, shown as "(set)"), and
 * how often data keys rotate. There is no setting that stores payloads in the clear.
 */
public class EncryptionFactory {

    /** KEKs, {@code id:base64} separated by commas, the current one first. Default: none; set this or {@code keksFile}. */
    @NotNull
    private String keks = "";

    /** A file holding the KEKs in the same form (one per line allowed). */
    @NotNull
    private String keksFile = "";

    /** Age after which a tenant's data key stops sealing new payloads and a new one takes over. Default: 30 days. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration dataKeyRotation = Duration.days(30);

    /** The ledger's crypto: a {@link LocalKms} over the configured KEKs. */
    public LedgerCrypto build() {
        String text = SecretSetting.read("encryption", "keks", keks, "keksFile", keksFile, "KEK");
        if (text.isEmpty()) {
            throw new IllegalStateException("encryption: no key-encryption key; set VERIDICT_KEKS (id:base64 of 32 "
                    + "random bytes) or VERIDICT_KEKS_FILE");
        }
        LocalKms kms;
        try {
            kms = LocalKms.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("encryption: " + e.getMessage(), e);
        }
        return new LedgerCrypto(kms, java.time.Duration.ofMillis(dataKeyRotation.toMilliseconds()));
    }

    @JsonProperty
    public String getKeks() {
        return keks.isEmpty() ? "" : "(set)";
    }

    @JsonProperty
    public void setKeks(String keks) {
        this.keks = keks == null ? "" : keks;
    }

    @JsonProperty
    public String getKeksFile() {
        return keksFile;
    }

    @JsonProperty
    public void setKeksFile(String keksFile) {
        this.keksFile = keksFile == null ? "" : keksFile;
    }

    @JsonProperty
    public Duration getDataKeyRotation() {
        return dataKeyRotation;
    }

    @JsonProperty
    public void setDataKeyRotation(Duration dataKeyRotation) {
        this.dataKeyRotation = dataKeyRotation;
    }
}
