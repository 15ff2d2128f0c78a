package io.veridict.schemas.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as payloads and the API write them: RFC 3339, UTC, always exactly three
 * fractional digits ({@code YYYY-MM-DDTHH:MM:SS.sssZ}).
 *
 * @see "docs/ledger-format.md §4.2 Key operation"
 */
public final class Rfc3339 {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    /** {@code instant} truncated to milliseconds, as RFC 3339 UTC text. */
    public static String millis(Instant instant) {
        return MILLIS.format(instant);
    }
}
