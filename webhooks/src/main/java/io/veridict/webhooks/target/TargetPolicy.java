package io.veridict.webhooks.target;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link TargetCheck} allows: the schemes, the ports, and how many redirects a delivery
 * follows. Every address class but {@link AddressClass#PUBLIC} is always refused; no public
 * setting changes that.
 *
 * <p>Defaults ({@link #defaults()}): {@code https} only, at most 3 redirects (each to the same
 * host), any port from 1 to 65535.
 */
public final class TargetPolicy {

    /** The default maximum number of redirects a delivery follows. */
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    /** The largest {@link Builder#maxRedirects(int)} accepted. */
    public static final int MAX_REDIRECTS_LIMIT = 10;

    private static final TargetPolicy DEFAULTS = builder().build();

    private final boolean allowPlainHttp;
    private final int maxRedirects;
    private final Set<Integer> allowedPorts;
    private final Set<AddressClass> permittedClasses;

    private TargetPolicy(boolean allowPlainHttp, int maxRedirects, Set<Integer> allowedPorts,
            Set<AddressClass> permittedClasses) {
        this.allowPlainHttp = allowPlainHttp;
        this.maxRedirects = maxRedirects;
        this.allowedPorts = Collections.unmodifiableSet(new TreeSet<>(allowedPorts));
        EnumSet<AddressClass> permitted = EnumSet.of(AddressClass.PUBLIC);
        permitted.addAll(permittedClasses);
        this.permittedClasses = Collections.unmodifiableSet(permitted);
    }

    /**
     * The production policy: {@code https} only, at most 3 same-host redirects, any port 1-65535.
     *
     * @return the default policy
     */
    public static TargetPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A policy for tests only: plain HTTP allowed and loopback addresses permitted, so that a
     * test server on 127.0.0.1 can be delivered to. Every other forbidden class stays refused.
     * It is package-private so that no code outside this package, and so no production code, can
     * obtain it.
     *
     * @return the test policy
     */
    static TargetPolicy forTestsAllowingLoopback() {
        return new TargetPolicy(true, DEFAULT_MAX_REDIRECTS, Set.of(), EnumSet.of(AddressClass.LOOPBACK));
    }

    /**
     * As {@link #forTestsAllowingLoopback()}, with another maximum number of redirects.
     *
     * @param maxRedirects the maximum number of redirects
     * @return the test policy
     */
    static TargetPolicy forTestsAllowingLoopback(int maxRedirects) {
        return new TargetPolicy(true, maxRedirects, Set.of(), EnumSet.of(AddressClass.LOOPBACK));
    }

    /**
     * Whether {@code http} URLs are allowed; a development setting, off by default.
     *
     * @return {@code true} when plain HTTP is allowed
     */
    public boolean allowPlainHttp() {
        return allowPlainHttp;
    }

    /**
     * How many redirects a delivery follows at most, each to the same host.
     *
     * @return the maximum number of redirects, 0 to follow none
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * The ports a webhook URL may name (explicitly or by its scheme's default).
     *
     * @return the allowed ports; empty means every port from 1 to 65535
     */
    public Set<Integer> allowedPorts() {
        return allowedPorts;
    }

    /**
     * Whether a port is allowed.
     *
     * @param port a port number
     * @return {@code true} if the port is from 1 to 65535 and in {@link #allowedPorts()} (when set)
     */
    public boolean isPortAllowed(int port) {
        return port >= 1 && port <= 65535 && (allowedPorts.isEmpty() || allowedPorts.contains(port));
    }

    /**
     * Whether addresses of a class may be delivered to: only {@link AddressClass#PUBLIC}, except
     * under {@link #forTestsAllowingLoopback()}.
     *
     * @param addressClass an address class
     * @return {@code true} if addresses of the class are not refused
     */
    public boolean permits(AddressClass addressClass) {
        return permittedClasses.contains(addressClass);
    }

    @Override
    public String toString() {
        return "TargetPolicy[allowPlainHttp=" + allowPlainHttp + ", maxRedirects=" + maxRedirects
                + ", allowedPorts=" + (allowedPorts.isEmpty() ? "1-65535" : allowedPorts)
                + ", permitted=" + permittedClasses + "]";
    }

    /** Builds a {@link TargetPolicy}; forbidden address classes cannot be permitted through it. */
    public static final class Builder {

        private boolean allowPlainHttp;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private Set<Integer> allowedPorts = Set.of();

        private Builder() {
        }

        /**
         * Allows {@code http} URLs. For development only: a plain-HTTP delivery can be read and
         * changed on its way.
         *
         * @param allow whether plain HTTP is allowed
         * @return this builder
         */
        public Builder allowPlainHttp(boolean allow) {
            this.allowPlainHttp = allow;
            return this;
        }

        /**
         * How many redirects a delivery follows at most (default 3); each must stay on the same
         * host and is checked like the original URL.
         *
         * @param maxRedirects from 0 to {@value TargetPolicy#MAX_REDIRECTS_LIMIT}
         * @return this builder
         */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
                throw new IllegalArgumentException("maxRedirects must be from 0 to " + MAX_REDIRECTS_LIMIT);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        /**
         * Restricts the ports a webhook URL may name.
         *
         * @param ports ports from 1 to 65535; empty for any
         * @return this builder
         */
        public Builder allowedPorts(Set<Integer> ports) {
            Objects.requireNonNull(ports, "ports");
            for (Integer port : ports) {
                if (port == null || port < 1 || port > 65535) {
                    throw new IllegalArgumentException("a port is from 1 to 65535: " + port);
                }
            }
            this.allowedPorts = Set.copyOf(ports);
            return this;
        }

        /**
         * The policy.
         *
         * @return a policy that refuses every forbidden address class
         */
        public TargetPolicy build() {
            return new TargetPolicy(allowPlainHttp, maxRedirects, allowedPorts, EnumSet.noneOf(AddressClass.class));
        }
    }
}
