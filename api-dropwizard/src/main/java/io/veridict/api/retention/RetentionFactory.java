package io.veridict.api.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.veridict.api.api.RetentionRequests;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Retention: the operator's bounds on tenants' policies, and how long a proposal waits for approval. */
public class RetentionFactory {

    /** The shortest retention a rule may set. Default: 1 day. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration minimumPeriod = Duration.days(1);

    /** The longest retention a rule may set; empty: no bound, and rules may keep payloads forever. */
    private Duration maximumPeriod;

    /** How long a proposal (a shortening) can be approved. Default: 72 hours. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration approvalWindow = Duration.hours(72);

    /** How often the retention job runs for every tenant. Default: 1 hour. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration runInterval = Duration.hours(1);

    public java.time.Duration runInterval() {
        return java.time.Duration.ofMillis(runInterval.toMilliseconds());
    }

    @JsonProperty
    public Duration getRunInterval() {
        return runInterval;
    }

    @JsonProperty
    public void setRunInterval(Duration runInterval) {
        this.runInterval = runInterval;
    }

    public RetentionRequests.Bounds bounds() {
        return new RetentionRequests.Bounds(java.time.Duration.ofMillis(minimumPeriod.toMilliseconds()),
                Optional.ofNullable(maximumPeriod).map(max -> java.time.Duration.ofMillis(max.toMilliseconds())));
    }

    public java.time.Duration approvalWindow() {
        return java.time.Duration.ofMillis(approvalWindow.toMilliseconds());
    }

    @JsonProperty
    public Duration getMinimumPeriod() {
        return minimumPeriod;
    }

    @JsonProperty
    public void setMinimumPeriod(Duration minimumPeriod) {
        this.minimumPeriod = minimumPeriod;
    }

    @JsonProperty
    public Duration getMaximumPeriod() {
        return maximumPeriod;
    }

    @JsonProperty
    public void setMaximumPeriod(Duration maximumPeriod) {
        this.maximumPeriod = maximumPeriod;
    }

    @JsonProperty
    public Duration getApprovalWindow() {
        return approvalWindow;
    }

    @JsonProperty
    public void setApprovalWindow(Duration approvalWindow) {
        this.approvalWindow = approvalWindow;
    }
}
