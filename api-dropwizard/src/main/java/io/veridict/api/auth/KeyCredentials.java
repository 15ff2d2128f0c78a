package io.veridict.api.auth;

import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.KeySecret;
import io.veridict.schemas.avro.KeyStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An API key as authentication reads it: what {@link ApiKeyState} says, in an immutable form
 * built once per stored value ({@link AccessView#credentials}). Nothing here is judged yet:
 * expiry instants are compared with the clock on every request.
 *
 * @param keyId     the public key id
 * @param tenantId  the key's tenant
 * @param status    its status as last recorded
 * @param expiresAt when it stops being valid; null when it does not expire
 * @param scopes    the scopes it holds that this service knows
 * @param secrets   its accepted secrets: the current one and a rotated-out one during its overlap
 */
record KeyCredentials(String keyId, String tenantId, KeyStatus status, Instant expiresAt, Set<Scope> scopes,
                      List<Secret> secrets) {

    /**
     * One accepted secret.
     *
     * @param hmac       the secret's stored HMAC; never modified, never handed out
     * @param validUntil when it stops being accepted; null while it is the current one
     */
    record Secret(byte[] hmac, Instant validUntil) {
        /** Whether the secret is still accepted at {@code now}. */
        boolean acceptedAt(Instant now) {
            return validUntil == null || validUntil.isAfter(now);
        }
    }

    /** Whether the key's recorded expiry has passed at {@code now} (or it was recorded as expired). */
    boolean expiredAt(Instant now) {
        return status == KeyStatus.EXPIRED || (expiresAt != null && !expiresAt.isAfter(now));
    }

    static KeyCredentials of(ApiKeyState state) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        state.getScopes().forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        List<Secret> secrets = new ArrayList<>(state.getSecrets().size());
        for (KeySecret secret : state.getSecrets()) {
            secrets.add(new Secret(bytes(secret.getSecretHmac()), secret.getValidUntil()));
        }
        return new KeyCredentials(state.getKeyId(), state.getTenantId(), state.getStatus(), state.getExpiresAt(),
                Set.copyOf(scopes), List.copyOf(secrets));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
