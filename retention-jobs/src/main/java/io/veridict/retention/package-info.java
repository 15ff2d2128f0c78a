/**
 * Reserved for retention work that runs outside the chain (for example erasure across tenants
 * or exports of erasure evidence). The retention job itself runs in the chain, where each
 * tenant has its one writer: {@code io.veridict.streams.retention} in {@code ledger-streams}
 * (policies, the two-person rule, legal holds, runs), scheduled and served by the service.
 */
package io.veridict.retention;
