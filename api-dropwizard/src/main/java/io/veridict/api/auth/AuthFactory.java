package io.veridict.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.veridict.api.core.SecretSetting;
import io.veridict.api.json.CanonicalText;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Authentication settings. The pepper and the operator token's hash are secrets of the
 * deployment: they come from the environment or a file the environment names, never from a
 * checked-in file.
 */
public class AuthFactory {

    /** The key pepper, base64 (at least 32 bytes once decoded). Default: none; set this or {@code pepperFile}. */
    @NotNull
    private String pepper = "";

    /** A file holding the key pepper as base64 text. Default: none; set this or {@code pepper}. */
    @NotNull
    private String pepperFile = "";

    /**
     * Lower-case hex SHA-256 of the operator token ({@code vdo_...}). Default: none, which switches
     * the operator endpoints ({@code POST /v1/tenants}, ...) off.
     */
    @NotNull
    @Pattern(regexp = "|[0-9a-f]{64}")
    private String operatorTokenSha256 = "";

    /** How long a rotated-out secret stays valid when the rotation does not say. Default: 1 hour. */
    @NotNull
    private Duration defaultRotationOverlap = Duration.hours(1);

    /** Longest overlap a rotation may ask for. Default: 7 days. */
    @NotNull
    private Duration maxRotationOverlap = Duration.days(7);

    /** How often expired keys are recorded in the ledger. Default: 30 seconds. */
    @NotNull
    private Duration expirySweepInterval = Duration.seconds(30);

    /** The hasher for key secrets, from {@code pepper} or {@code pepperFile}. */
    public SecretHasher buildHasher() {
        String text = SecretSetting.read("auth", "pepper", pepper, "pepperFile", pepperFile, "key pepper");
        if (text.isEmpty()) {
            throw new IllegalStateException("auth: no key pepper; set VERIDICT_KEY_PEPPER (base64, 32+ bytes) or "
                    + "VERIDICT_KEY_PEPPER_FILE");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("auth: the key pepper is not base64", e);
        }
        if (bytes.length < SecretHasher.MIN_PEPPER_BYTES) {
            throw new IllegalStateException("auth: the key pepper must decode to at least "
                    + SecretHasher.MIN_PEPPER_BYTES + " bytes");
        }
        return new SecretHasher(bytes);
    }

    /** The operator token's SHA-256, when operator endpoints are on. */
    public Optional<byte[]> operatorTokenHash() {
        return operatorTokenSha256.isEmpty() ? Optional.empty() : Optional.of(HexFormat.of().parseHex(operatorTokenSha256));
    }

    /** Lower-case hex SHA-256 of an operator token, as {@code operatorTokenSha256} expects it. */
    public static String hashOperatorToken(String token) {
        return CanonicalText.sha256Hex(token);
    }

    @JsonProperty
    public String getPepper() {
        return pepper.isEmpty() ? "" : "(set)";
    }

    @JsonProperty
    public void setPepper(String pepper) {
        this.pepper = pepper == null ? "" : pepper;
    }

    @JsonProperty
    public String getPepperFile() {
        return pepperFile;
    }

    @JsonProperty
    public void setPepperFile(String pepperFile) {
        this.pepperFile = pepperFile == null ? "" : pepperFile;
    }

    @JsonProperty
    public String getOperatorTokenSha256() {
        return operatorTokenSha256;
    }

    @JsonProperty
    public void setOperatorTokenSha256(String operatorTokenSha256) {
        this.operatorTokenSha256 = operatorTokenSha256 == null ? "" : operatorTokenSha256.strip();
    }

    @JsonProperty
    public Duration getDefaultRotationOverlap() {
        return defaultRotationOverlap;
    }

    @JsonProperty
    public void setDefaultRotationOverlap(Duration defaultRotationOverlap) {
        this.defaultRotationOverlap = defaultRotationOverlap;
    }

    @JsonProperty
    public Duration getMaxRotationOverlap() {
        return maxRotationOverlap;
    }

    @JsonProperty
    public void setMaxRotationOverlap(Duration maxRotationOverlap) {
        this.maxRotationOverlap = maxRotationOverlap;
    }

    @JsonProperty
    public Duration getExpirySweepInterval() {
        return expirySweepInterval;
    }

    @JsonProperty
    public void setExpirySweepInterval(Duration expirySweepInterval) {
        this.expirySweepInterval = expirySweepInterval;
    }
}
