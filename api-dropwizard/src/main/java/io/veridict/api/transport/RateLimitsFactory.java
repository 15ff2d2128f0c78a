package io.veridict.api.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.bucket4j.TimeMeter;
import io.veridict.streams.CommandValidator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two rate-limit tiers (configuration section {@code rateLimits}): per client IP address
 * before authentication, and per tenant after it, with quotas for particular tenants. Buckets
 * are held in memory on each instance, so with N instances behind a balancer a client may get
 * up to N times its quota.
 */
public class RateLimitsFactory {

    /** Whether requests are counted at all. Default: true. */
    private boolean enabled = true;

    /** Quota of each client IP address. Default: 50 requests/s, burst 100. */
    @Valid
    @NotNull
    private QuotaFactory perClientIp = new QuotaFactory(50, 100);

    /** Quota of each tenant without an entry in {@link #tenants}. Default: 200 requests/s, burst 400. */
    @Valid
    @NotNull
    private QuotaFactory perTenant = new QuotaFactory(200, 400);

    /** Quotas of particular tenants, by tenant id. Default: none. */
    @NotNull
    private Map<String, @Valid @NotNull QuotaFactory> tenants = new LinkedHashMap<>();

    /** Most buckets each tier keeps in memory; the least recently used go first. Default: 100000. */
    @Min(100)
    @Max(10_000_000)
    private long maxTrackedKeys = 100_000;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public QuotaFactory getPerClientIp() {
        return perClientIp;
    }

    @JsonProperty
    public void setPerClientIp(QuotaFactory perClientIp) {
        this.perClientIp = perClientIp;
    }

    @JsonProperty
    public QuotaFactory getPerTenant() {
        return perTenant;
    }

    @JsonProperty
    public void setPerTenant(QuotaFactory perTenant) {
        this.perTenant = perTenant;
    }

    @JsonProperty
    public Map<String, QuotaFactory> getTenants() {
        return tenants;
    }

    @JsonProperty
    public void setTenants(Map<String, QuotaFactory> tenants) {
        this.tenants = tenants;
    }

    @JsonProperty
    public long getMaxTrackedKeys() {
        return maxTrackedKeys;
    }

    @JsonProperty
    public void setMaxTrackedKeys(long maxTrackedKeys) {
        this.maxTrackedKeys = maxTrackedKeys;
    }

    /** A quota for a key that can never be a tenant id is a typo. */
    @JsonIgnore
    @AssertTrue(message = "every key of tenants must be a tenant id (3 to 64 characters of [a-z0-9-], no hyphen at either end)")
    public boolean isTenantIdsWellFormed() {
        return tenants == null || tenants.keySet().stream().allMatch(id -> CommandValidator.TENANT_ID.matcher(id).matches());
    }

    /** The first tier's buckets, refilled by {@code time}. */
    public RateLimiter buildClientIpLimiter(TimeMeter time) {
        return new RateLimiter(LimitPolicy.CLIENT_IP, perClientIp.build(), Map.of(), maxTrackedKeys, time);
    }

    /** The second tier's buckets, refilled by {@code time}. */
    public RateLimiter buildTenantLimiter(TimeMeter time) {
        Map<String, Quota> overrides = new LinkedHashMap<>();
        tenants.forEach((tenant, quota) -> overrides.put(tenant, quota.build()));
        return new RateLimiter(LimitPolicy.TENANT, perTenant.build(), overrides, maxTrackedKeys, time);
    }
}
