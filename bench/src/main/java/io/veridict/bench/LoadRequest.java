package io.veridict.bench;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one HTTP load run sends, whichever {@link LoadGenerator} sends it: one method and URL,
 * the tenants it cycles through (each request carries its tenant's header and admin key; none
 * for {@code /ping}), an optional body, and an optional idempotency-key prefix. With a prefix,
 * every request gets a key of its own: {@code <prefix>-<generator thread>-<request number>}.
 *
 * @param method    e.g. {@code GET} or {@code POST}
 * @param uri       the full URL
 * @param tenants   the tenants, in the order requests cycle through them; empty: no tenant headers
 * @param body      the request body (JSON), or {@code null} for none
 * @param keyPrefix the idempotency-key prefix, unique per run; {@code null}: no {@code Idempotency-Key}
 * @param expected  the statuses that count as success; any other is an error of its status
 */
record LoadRequest(String method, URI uri, List<TenantAuth> tenants, byte[] body, String keyPrefix, Set<Integer> expected) {

    /** A tenant and the admin key its requests send as {@code Authorization: Bearer <key>}. */
    record TenantAuth(String id, String key) {
        TenantAuth {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(key, "key");
        }
    }

    LoadRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        tenants = List.copyOf(tenants);
        expected = Set.copyOf(expected);
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("no expected status");
        }
    }

    /** {@code GET /ping} on Dropwizard's admin port: bare Jetty, no Jersey, no authentication. */
    static LoadRequest ping(URI adminBase) {
        return new LoadRequest("GET", adminBase.resolve("/ping"), List.of(), null, null, Set.of(200));
    }

    /** @return this request with unique idempotency keys under {@code prefix} */
    LoadRequest withKeyPrefix(String prefix) {
        return new LoadRequest(method, uri, tenants, body, prefix, expected);
    }

    /** @return the idempotency key of request {@code n} of generator thread {@code thread} (needs a prefix) */
    String idempotencyKey(long thread, long n) {
        return keyPrefix + "-" + thread + "-" + n;
    }

    /** @return the tenant of request {@code n} (round robin), or {@code null} when there are none */
    TenantAuth tenant(long n) {
        return tenants.isEmpty() ? null : tenants.get((int) Math.floorMod(n, (long) tenants.size()));
    }
}
