/**
 * Standard Webhooks signatures (symmetric scheme {@code v1}, HMAC-SHA256) for outgoing webhook
 * deliveries: {@link io.veridict.webhooks.sign.WebhookSecret} holds an endpoint's signing key,
 * {@link io.veridict.webhooks.sign.WebhookSigner} produces the {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature} headers, and
 * {@link io.veridict.webhooks.sign.WebhookVerifier} checks them as a receiver would.
 *
 * <p>The signed bytes are {@code <webhook-id>.<webhook-timestamp>.<body>}: the id and the
 * decimal timestamp in UTF-8 (both plain ASCII), each followed by a full stop, then the body
 * exactly as sent. See {@code docs/webhooks.md}.
 */
package io.veridict.webhooks.sign;
