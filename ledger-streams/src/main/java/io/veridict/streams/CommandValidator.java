package io.veridict.streams;

import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what Avro cannot: that a command which decoded fine is fit to enter a ledger.
 * A command that fails here goes to the dead-letter topic and never advances a chain.
 */
public final class CommandValidator {

    /** Tenant ids: 3 to 64 characters, lower-case letters, digits and inner hyphens. */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]");

    /** Reason code: the record key is not the command's tenant. */
    public static final String TENANT_KEY_MISMATCH = "TENANT_KEY_MISMATCH";
    /** Reason code: the tenant id is not well-formed. */
    public static final String INVALID_TENANT_ID = "INVALID_TENANT_ID";
    /** Reason code: the idempotency key is missing or not well-formed. */
    public static final String INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY";
    /** Reason code: a decision group that is empty, too large, or repeats an item's idempotency key. */
    public static final String INVALID_GROUP = "INVALID_GROUP";
    /** Most items of one decision group. */
    public static final int MAX_GROUP_ITEMS = 10_000;
    /** Reason code: a decision carries a key of the service's own namespace ({@link IdempotencyKeys}). */
    public static final String RESERVED_IDEMPOTENCY_KEY = "RESERVED_IDEMPOTENCY_KEY";

    private CommandValidator() {
    }

    /** The rejection, or empty when the command may be chained. */
    public static Optional<Rejection> check(String key, LedgerCommand command) {
        if (!TENANT_ID.matcher(command.getTenantId()).matches()) {
            return Optional.of(new Rejection(INVALID_TENANT_ID, "tenant id is not well-formed"));
        }
        if (!command.getTenantId().equals(key)) {
            return Optional.of(new Rejection(TENANT_KEY_MISMATCH, "record key is not the command's tenant id"));
        }
        if (!IdempotencyKeys.ANY.matcher(command.getIdempotencyKey()).matches()) {
            return Optional.of(new Rejection(INVALID_IDEMPOTENCY_KEY, "idempotency key must be 1-128 printable ASCII characters"));
        }
        if (command.getBody() instanceof RecordDecision && IdempotencyKeys.isInternal(command.getIdempotencyKey())) {
            return Optional.of(new Rejection(RESERVED_IDEMPOTENCY_KEY,
                    "a decision's idempotency key must not contain '" + IdempotencyKeys.SEPARATOR + "'"));
        }
        if (command.getBody() instanceof DecisionGroup group) {
            return checkGroup(group);
        }
        return Optional.empty();
    }

    /** A group holds 1 to {@value #MAX_GROUP_ITEMS} items, each under a distinct, well-formed client key. */
    private static Optional<Rejection> checkGroup(DecisionGroup group) {
        int size = group.getItems().size();
        if (size == 0 || size > MAX_GROUP_ITEMS) {
            return Optional.of(new Rejection(INVALID_GROUP, "a decision group holds 1 to " + MAX_GROUP_ITEMS
                    + " items, not " + size));
        }
        Set<String> keys = new HashSet<>();
        for (GroupItem item : group.getItems()) {
            String key = item.getIdempotencyKey();
            if (!IdempotencyKeys.ANY.matcher(key).matches()) {
                return Optional.of(new Rejection(INVALID_IDEMPOTENCY_KEY, "an item's idempotency key must be 1-128 printable"
                        + " ASCII characters"));
            }
            if (IdempotencyKeys.isInternal(key)) {
                return Optional.of(new Rejection(RESERVED_IDEMPOTENCY_KEY,
                        "an item's idempotency key must not contain '" + IdempotencyKeys.SEPARATOR + "'"));
            }
            if (!keys.add(key)) {
                return Optional.of(new Rejection(INVALID_GROUP, "two items of a decision group share an idempotency key"));
            }
        }
        return Optional.empty();
    }

    /** Why a command was refused: a stable code and a message without payload data. */
    public record Rejection(String reason, String message) {
    }
}
