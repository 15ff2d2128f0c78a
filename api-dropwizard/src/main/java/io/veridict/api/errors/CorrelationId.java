package io.veridict.api.errors;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: the client's {@code X-Correlation-Id} when it is well-formed,
 * otherwise a fresh random UUID. It is echoed in the {@code X-Correlation-Id} response header of
 * every answer, written into every error body, put in the SLF4J MDC while the request is served,
 * and recorded with the ledger entries the request produces.
 */
public final class CorrelationId {

    /** The request and response header. */
    public static final String HEADER = "X-Correlation-Id";
    /** The SLF4J MDC key that holds the id while a request is served. */
    public static final String MDC_KEY = "correlation_id";
    /** The request-context property that holds the id. */
    public static final String PROPERTY = "io.veridict.api.correlationId";
    /** A client-supplied id is kept only if it matches: 8 to 128 characters, no spaces. */
    public static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");

    private CorrelationId() {
    }

    /**
     * The id to use for a request that sent {@code supplied} (possibly {@code null}): the supplied
     * value when it is {@link #WELL_FORMED}, otherwise a new random UUID.
     */
    public static String accept(String supplied) {
        if (supplied != null && WELL_FORMED.matcher(supplied).matches()) {
            return supplied;
        }
        return generate();
    }

    /** A new random (version 4) UUID, in its 36-character text form. */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /**
     * The id of the request being served. {@link CorrelationIdFilter} sets it first thing; should
     * it be missing (a filter that ran earlier failed), one is chosen from the request header and
     * remembered, so every later reader sees the same id.
     */
    public static String current(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        if (id instanceof String text) {
            return text;
        }
        String chosen = accept(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, chosen);
        return chosen;
    }
}
