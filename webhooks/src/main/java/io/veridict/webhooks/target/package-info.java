/**
 * Webhook delivery targets, checked against server-side request forgery.
 *
 * <p>{@link io.veridict.webhooks.target.TargetCheck} decides whether a URL may be delivered to:
 * the URL's shape, its scheme and port, and every address its host designates, each classified
 * by {@link io.veridict.webhooks.target.AddressRules} on its raw bytes. What it lets through is a
 * {@link io.veridict.webhooks.target.CheckedTarget}, which carries the addresses that were
 * checked. {@link io.veridict.webhooks.target.SafeHttpClient} connects to those addresses and no
 * others, so an answer that changes between the check and the connection (DNS rebinding) is never
 * used, and it re-checks every redirect before following it.
 *
 * @see "docs/webhooks.md, Targets and server-side request forgery"
 */
package io.veridict.webhooks.target;
