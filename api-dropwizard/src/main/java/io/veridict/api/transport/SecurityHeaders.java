package io.veridict.api.transport;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The hardening headers every answer of the application port carries, whoever answers it (a
 * resource, a filter, or Jetty itself before the request reaches the application): no content
 * sniffing, no framing, no referrer, no caching of ledger data. HSTS is added only over HTTPS.
 */
public final class SecurityHeaders {

    /** One year, subdomains included; sent only over HTTPS, as RFC 6797 requires. */
    public static final String HSTS_VALUE = "max-age=31536000; includeSubDomains";
    /** The HSTS header's name. */
    public static final String HSTS = "Strict-Transport-Security";

    /** Sent on every answer. */
    public static final Map<String, String> ALWAYS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    private SecurityHeaders() {
    }

    /** Sets every header of {@link #ALWAYS}, and HSTS when {@code overHttps}, replacing earlier values. */
    public static void apply(BiConsumer<String, String> setHeader, boolean overHttps) {
        ALWAYS.forEach(setHeader);
        if (overHttps) {
            setHeader.accept(HSTS, HSTS_VALUE);
        }
    }
}
