package io.veridict.api.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** One rate-limit quota in configuration: {@code {requestsPerSecond: 50, burst: 100}}. */
public class QuotaFactory {

    /** Requests a second the bucket refills with: the sustained rate. */
    @Min(1)
    @Max(1_000_000)
    private long requestsPerSecond;

    /** Requests the bucket holds: how many may come at once after a quiet spell. */
    @Min(1)
    @Max(10_000_000)
    private long burst;

    /** For Jackson. */
    public QuotaFactory() {
        this(1, 1);
    }

    public QuotaFactory(long requestsPerSecond, long burst) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    @JsonProperty
    public long getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @JsonProperty
    public void setRequestsPerSecond(long requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    @JsonProperty
    public long getBurst() {
        return burst;
    }

    @JsonProperty
    public void setBurst(long burst) {
        this.burst = burst;
    }

    /** A bucket smaller than a second's refill would cap the rate below {@code requestsPerSecond}. */
    @JsonIgnore
    @AssertTrue(message = "burst must be at least requestsPerSecond")
    public boolean isBurstAtLeastRate() {
        return burst >= requestsPerSecond;
    }

    public Quota build() {
        return new Quota(burst, requestsPerSecond);
    }
}
