/**
 * Webhook deliveries: the Standard Webhooks signature scheme, and delivery targets checked
 * against server-side request forgery, every resolved address before any connection is opened.
 */
package io.veridict.webhooks;
