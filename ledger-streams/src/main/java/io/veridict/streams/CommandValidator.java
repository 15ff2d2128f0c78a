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

    /** Most items of one decision group. */
    public static final int MAX_GROUP_ITEMS = 10_000;

    private CommandValidator() {
    }

    /** The rejection, or empty when the command may be chained. */
    public static Optional<Rejection> check(String key, LedgerCommand command) {
        if (!TENANT_ID.matcher(command.getTenantId()).matches()) {
            return Optional.of(new Rejection(RefusalCode.INVALID_TENANT_ID, "tenant id is not well-formed"));
        }
        if (!command.getTenantId().equals(key)) {
            return Optional.of(new Rejection(RefusalCode.TENANT_KEY_MISMATCH, "record key is not the command's tenant id"));
        }
        if (!IdempotencyKeys.ANY.matcher(command.getIdempotencyKey()).matches()) {
            return Optional.of(new Rejection(RefusalCode.INVALID_IDEMPOTENCY_KEY, "idempotency key must be 1-128 printable ASCII characters"));
        }
        if (command.getBody() instanceof RecordDecision && IdempotencyKeys.isInternal(command.getIdempotencyKey())) {
            return Optional.of(new Rejection(RefusalCode.RESERVED_IDEMPOTENCY_KEY,
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
            return Optional.of(new Rejection(RefusalCode.INVALID_GROUP, "a decision group holds 1 to " + MAX_GROUP_ITEMS
                    + " items, not " + size));
        }
        Set<String> keys = new HashSet<>();
        for (GroupItem item : group.getItems()) {
            String key = item.getIdempotencyKey();
            if (!IdempotencyKeys.ANY.matcher(key).matches()) {
                return Optional.of(new Rejection(RefusalCode.INVALID_IDEMPOTENCY_KEY, "an item's idempotency key must be 1-128 printable"
                        + " ASCII characters"));
            }
            if (IdempotencyKeys.isInternal(key)) {
                return Optional.of(new Rejection(RefusalCode.RESERVED_IDEMPOTENCY_KEY,
                        "an item's idempotency key must not contain '" + IdempotencyKeys.SEPARATOR + "'"));
            }
            if (!keys.add(key)) {
                return Optional.of(new Rejection(RefusalCode.INVALID_GROUP, "two items of a decision group share an idempotency key"));
            }
        }
        return Optional.empty();
    }

    /** Why a command was refused: a stable code and a message without payload data. */
    public record Rejection(String reason, String message) {

        /** A rejection for one of the chain's own codes. */
        public Rejection(RefusalCode code, String message) {
            this(code.name(), message);
        }
    }
}
