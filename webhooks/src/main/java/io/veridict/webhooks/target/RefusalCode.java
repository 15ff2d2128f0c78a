package io.veridict.webhooks.target;

/**
 * Why a webhook target was refused. The names are stable, machine-readable codes: callers and
 * API answers branch on them, never on a message.
 */
public enum RefusalCode {

    /**
     * The URL is malformed or has something a webhook URL may not have: not absolute, no host,
     * user information, a fragment, more than 2,048 characters, a host that is neither a valid
     * name (after IDNA conversion) nor an IP literal, an IP literal in a non-canonical spelling,
     * or a port that is invalid or not allowed.
     */
    WEBHOOK_URL_INVALID,
    /** The scheme is not {@code https} (or {@code http} where the policy allows plain HTTP). */
    WEBHOOK_SCHEME_NOT_ALLOWED,
    /** The host name did not resolve to any address. */
    WEBHOOK_HOST_UNRESOLVED,
    /** The host is, or resolves to at least one address that is, of a forbidden class. */
    WEBHOOK_ADDRESS_FORBIDDEN,
    /** A redirect to another host, beyond the maximum number of redirects, or without a usable Location. */
    WEBHOOK_REDIRECT_REFUSED
}
