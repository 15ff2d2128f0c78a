package io.veridict.streams;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The two namespaces of idempotency keys in a tenant's idempotency index.
 *
 * <ul>
 *   <li><b>Client keys</b> are what a client sends as {@code Idempotency-Key}: 1 to 128 characters
 *       of {@code A-Z a-z 0-9 . _ ~ : -}, and not {@code .} or {@code ..}. Every such key is a
 *       single URL path segment that needs no escaping, so {@code /v1/receipts/<key>} always
 *       reaches its receipt.</li>
 *   <li><b>Internal keys</b> are what the service itself chains under (key expiries, key and
 *       tenant administration without a client key, the first key of a new tenant). Every
 *       internal key contains a {@value #SEPARATOR}, which no client key can hold, so no client
 *       can take an internal key before the service uses it.</li>
 * </ul>
 *
 * A decision command MUST carry a client key; {@link CommandValidator} dead-letters one that
 * carries an internal key. Key and tenant operations may carry either.
 */
public final class IdempotencyKeys {

    /** The character that marks an internal key. */
    public static final char SEPARATOR = '/';
    /** Most characters of any idempotency key. */
    public static final int MAX_LENGTH = 128;
    /** A client key (see the class contract). */
    public static final Pattern CLIENT = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._~:-]{1,128}");
    /** Any key the topic format admits: 1 to 128 printable ASCII characters, no spaces. */
    public static final Pattern ANY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private static final String EXPIRY = "sys" + SEPARATOR + "key-expired" + SEPARATOR;
    private static final String ADMIN = "admin" + SEPARATOR;
    private static final String GROUP = "group" + SEPARATOR;

    private IdempotencyKeys() {
    }

    /** Whether {@code key} is a well-formed client key. */
    public static boolean isClientKey(String key) {
        return key != null && CLIENT.matcher(key).matches();
    }

    /** Whether {@code key} is in the internal namespace. */
    public static boolean isInternal(String key) {
        return key.indexOf(SEPARATOR) >= 0;
    }

    /** The key under which the expiry sweep chains the expiry of API key {@code keyId}. */
    public static String keyExpiry(String keyId) {
        return EXPIRY + keyId;
    }

    /** The key under which the chain records the expiry of retention proposal {@code proposalId}. */
    public static String retentionExpiry(String proposalId) {
        return "sys" + SEPARATOR + "retention-expired" + SEPARATOR + proposalId;
    }

    /** The key of the scheduled retention run of {@code tenant} in time slot {@code slot}: each instance sends it, one counts. */
    public static String retentionRun(String tenant, long slot) {
        return "sys" + SEPARATOR + "retention-run" + SEPARATOR + tenant + SEPARATOR + slot;
    }

    /** A fresh key for an administration command the client sent without one (it is then not retry-safe). */
    public static String randomAdmin() {
        return ADMIN + UUID.randomUUID();
    }

    /** The key of a group command the service makes of single requests (each item keeps its own key). */
    public static String group() {
        return GROUP + UUID.randomUUID();
    }

    /** The key of a command the service derives from a client's command (e.g. a new tenant's first key). */
    public static String derived(String key, String purpose) {
        return key + SEPARATOR + purpose;
    }
}
