package io.veridict.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.auth.Scope;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import io.veridict.schemas.format.Rfc3339;
import io.veridict.streams.CommandValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated bodies of the tenant and key administration endpoints. Each parser collects
 * every problem and answers 422 {@code INVALID_REQUEST} with them all.
 */
public final class AccessRequests {

    private static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_REASON = 1000;
    private static final Pattern RFC3339 =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

    private AccessRequests() {
    }

    /** {@code POST /v1/tenants}: {@code {"tenant_id": ..., "display_name": ...}}. */
    public record NewTenant(String tenantId, String displayName, String adminHolder) {

        /** The holder of a tenant's first key when the request names none. */
        public static final String DEFAULT_ADMIN_HOLDER = "admin";

        public static NewTenant fromJson(ObjectNode body) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("tenant_id", "display_name", "admin_holder"));
            String id = read.requiredText(body, "", "tenant_id", FieldReader.TextRule.matching(3, 64,
                    CommandValidator.TENANT_ID, "must be 3 to 64 lower-case letters, digits and inner hyphens"));
            String name = read.requiredText(body, "", "display_name", FieldReader.TextRule.name(MAX_DISPLAY_NAME));
            String holder = read.optionalText(body, "", "admin_holder", HOLDER_RULE);
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the tenant");
            return new NewTenant(id, name, holder == null ? DEFAULT_ADMIN_HOLDER : holder);
        }
    }

    /** Who a key is issued to: 1-64 of {@code a-z 0-9 . _ @ -}, starting with a letter or digit. */
    public static final Pattern HOLDER = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final FieldReader.TextRule HOLDER_RULE = FieldReader.TextRule.matching(1, 64, HOLDER,
            "must be 1 to 64 of a-z 0-9 . _ @ - starting with a letter or digit");

    /** {@code POST /v1/tenants/{id}/suspend|reactivate} and {@code POST /v1/keys/{id}/revoke}: an optional reason. */
    public record Reason(String reason) {
        public static Reason fromJson(ObjectNode body) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("reason"));
            String reason = read.optionalText(body, "", "reason", FieldReader.TextRule.anyText(MAX_REASON));
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the request");
            return new Reason(reason);
        }
    }

    /** {@code POST /v1/keys}: scopes (required, non-empty) and an optional expiry in the future. */
    public record NewKey(Set<Scope> scopes, Instant expiresAt, String holderOrNull) {
        public static NewKey fromJson(ObjectNode body, Instant now) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("scopes", "expires_at", "holder"));
            String holder = read.optionalText(body, "", "holder", HOLDER_RULE);
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            if (body.get("scopes") == null || body.get("scopes").isNull()) {
                problems.add("scopes", "is required");
            } else {
                ArrayNode items = read.optionalArray(body, "", "scopes", Scope.values().length);
                if (items != null && items.isEmpty()) {
                    problems.add("scopes", "must name at least one scope");
                }
                if (items != null) {
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        if (!item.isTextual() || Scope.fromWireName(item.textValue()).isEmpty()) {
                            problems.add(FieldPath.index("scopes", i), "is not a known scope");
                        } else if (!scopes.add(Scope.fromWireName(item.textValue()).get())) {
                            problems.add(FieldPath.index("scopes", i), "is listed twice");
                        }
                    }
                }
            }
            String expires = read.optionalText(body, "", "expires_at", FieldReader.TextRule.name(40));
            Instant expiresAt = null;
            if (expires != null) {
                expiresAt = timestamp(expires);
                if (expiresAt == null) {
                    problems.add("expires_at", "must be an RFC 3339 timestamp with a four-digit year, such as 2030-01-01T00:00:00Z");
                } else if (!expiresAt.isAfter(now)) {
                    problems.add("expires_at", "must be in the future");
                }
            }
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the key");
            return new NewKey(scopes, expiresAt == null ? null : Instant.ofEpochMilli(expiresAt.toEpochMilli()), holder);
        }
    }

    /** {@code POST /v1/keys/{id}/rotate}: how long the old secret stays valid, in seconds. */
    public record Rotation(Duration overlap) {
        public static Rotation fromJson(ObjectNode body, Duration defaultOverlap, Duration maxOverlap) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("overlap_seconds"));
            JsonNode value = body.get("overlap_seconds");
            Duration overlap = defaultOverlap;
            if (value != null && !value.isNull()) {
                if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0
                        || value.longValue() > maxOverlap.toSeconds()) {
                    problems.add("overlap_seconds", "must be a whole number of seconds from 0 to " + maxOverlap.toSeconds());
                } else {
                    overlap = Duration.ofSeconds(value.longValue());
                }
            }
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the rotation");
            return new Rotation(overlap);
        }
    }

    /**
     * The instant an RFC 3339 timestamp names ({@code 2030-01-01T00:00:00Z}, fractions of a second
     * and offsets such as {@code +02:00} allowed), or null when {@code text} is not one. The year has
     * four digits, so every accepted instant fits epoch milliseconds.
     */
    static Instant timestamp(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null; // e.g. month 13 or February 30
        }
    }

    /** RFC 3339 text of an instant, or null. */
    public static String time(Instant instant) {
        return instant == null ? null : Rfc3339.millis(instant);
    }
}
