package io.veridict.streams.access;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.KeySecret;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import io.veridict.schemas.avro.TenantState;
import io.veridict.schemas.avro.TenantStatus;
import java.nio.ByteBuffer;
import io.veridict.streams.RefusalCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What tenant and key operations do to the access view. The chain processor asks
 * {@link #check} before chaining such a command and calls {@link #apply} once it has its seq;
 * the records {@code apply} returns go to the compacted access topic, from which every
 * service instance authenticates.
 *
 * <p>The store is the tenant's partition's own copy, so a command only ever sees its own
 * tenant's state: a key id of another tenant is "not found".
 */
public final class AccessChanges {

    private final KeyValueStore<String, AccessRecord> store;

    public AccessChanges(KeyValueStore<String, AccessRecord> store) {
        this.store = store;
    }

    /**
     * Empty when a command with {@code body} may be chained; otherwise the reason code of its refusal.
     *
     * @param body a command body ({@link LedgerCommand#getBody()}, or a group item's decision)
     */
    public Optional<RefusalCode> check(String tenant, Object body, Instant now) {
        if (body instanceof TenantOperation op) {
            return checkTenant(tenant, op);
        }
        TenantState current = tenantState(tenant);
        if (current != null && current.getStatus() == TenantStatus.DELETED) {
            return Optional.of(RefusalCode.TENANT_DELETED);
        }
        if (body instanceof KeyOperation op) {
            return checkKey(tenant, op, now);
        }
        return Optional.empty();
    }

    /**
     * Marks a tenant deleted (its keys were destroyed with its payloads): every instance then refuses
     * its API keys, and the chain refuses its commands.
     *
     * @return the access record to publish, by access-topic key
     */
    public Map<String, AccessRecord> delete(String tenant, long seq, Instant at) {
        TenantState current = tenantState(tenant);
        TenantState deleted = TenantState.newBuilder()
                .setTenantId(tenant)
                .setDisplayName(current == null ? "" : current.getDisplayName())
                .setStatus(TenantStatus.DELETED)
                .setCreatedAt(current == null ? at : current.getCreatedAt())
                .setUpdatedAt(at)
                .setSeq(seq)
                .build();
        AccessRecord record = new AccessRecord(deleted);
        store.put(AccessKeys.tenant(tenant), record);
        return Map.of(AccessKeys.tenant(tenant), record);
    }

    /**
     * Applies a chained command, given by its {@code body} (as for {@link #check}), to the store.
     *
     * @return the access records to publish, by access-topic key; empty for decisions
     */
    public Map<String, AccessRecord> apply(String tenant, Object body, long seq, Instant recordedAt) {
        if (!(body instanceof TenantOperation) && !(body instanceof KeyOperation)) {
            return Map.of();
        }
        Map<String, AccessRecord> changes = new LinkedHashMap<>();
        if (body instanceof TenantOperation op) {
            TenantState state = applyTenant(tenant, op, seq, recordedAt);
            changes.put(AccessKeys.tenant(tenant), new AccessRecord(state));
        } else if (body instanceof KeyOperation op) {
            ApiKeyState state = applyKey(tenant, op, seq, recordedAt);
            AccessRecord record = new AccessRecord(state);
            changes.put(AccessKeys.key(op.getKeyId()), record);
            changes.put(AccessKeys.tenantKey(tenant, op.getKeyId()), record);
        }
        changes.forEach(store::put);
        return changes;
    }

    private Optional<RefusalCode> checkTenant(String tenant, TenantOperation op) {
        TenantState current = tenantState(tenant);
        return switch (op.getOperation()) {
            case CREATED -> current == null ? Optional.empty() : Optional.of(RefusalCode.TENANT_EXISTS);
            case SUSPENDED -> current == null ? Optional.of(RefusalCode.TENANT_NOT_FOUND)
                    : current.getStatus() == TenantStatus.ACTIVE ? Optional.empty() : Optional.of(RefusalCode.TENANT_STATUS_CONFLICT);
            case REACTIVATED -> current == null ? Optional.of(RefusalCode.TENANT_NOT_FOUND)
                    : current.getStatus() == TenantStatus.SUSPENDED ? Optional.empty() : Optional.of(RefusalCode.TENANT_STATUS_CONFLICT);
            default -> Optional.of(RefusalCode.INVALID_OPERATION);
        };
    }

    private Optional<RefusalCode> checkKey(String tenant, KeyOperation op, Instant now) {
        ApiKeyState current = keyState(tenant, op.getKeyId());
        return switch (op.getOperation()) {
            case CREATED -> current != null ? Optional.of(RefusalCode.KEY_EXISTS)
                    : op.getSecretHmac() == null ? Optional.of(RefusalCode.INVALID_OPERATION) : Optional.empty();
            case ROTATED -> current == null ? Optional.of(RefusalCode.KEY_NOT_FOUND)
                    : !active(current, now) ? Optional.of(RefusalCode.KEY_NOT_ACTIVE)
                    : op.getSecretHmac() == null ? Optional.of(RefusalCode.INVALID_OPERATION) : Optional.empty();
            case REVOKED, EXPIRED -> current == null ? Optional.of(RefusalCode.KEY_NOT_FOUND)
                    : current.getStatus() != KeyStatus.ACTIVE ? Optional.of(RefusalCode.KEY_NOT_ACTIVE) : Optional.empty();
            default -> Optional.of(RefusalCode.INVALID_OPERATION);
        };
    }

    private TenantState applyTenant(String tenant, TenantOperation op, long seq, Instant at) {
        TenantState current = tenantState(tenant);
        TenantStatus status = op.getOperation() == TenantOperationType.SUSPENDED
                ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE;
        return TenantState.newBuilder()
                .setTenantId(tenant)
                .setDisplayName(op.getDisplayName())
                .setStatus(status)
                .setCreatedAt(current == null ? at : current.getCreatedAt())
                .setUpdatedAt(at)
                .setSeq(seq)
                .build();
    }

    private ApiKeyState applyKey(String tenant, KeyOperation op, long seq, Instant at) {
        ApiKeyState current = keyState(tenant, op.getKeyId());
        List<KeySecret> secrets = new ArrayList<>();
        KeyStatus status = KeyStatus.ACTIVE;
        switch (op.getOperation()) {
            case CREATED -> secrets.add(new KeySecret(copy(op.getSecretHmac()), null));
            case ROTATED -> {
                Instant overlapEnd = at.plusMillis(Math.max(0, op.getOverlapMs() == null ? 0 : op.getOverlapMs()));
                for (KeySecret old : current.getSecrets()) {
                    Instant until = old.getValidUntil() == null || old.getValidUntil().isAfter(overlapEnd)
                            ? overlapEnd : old.getValidUntil();
                    if (until.isAfter(at)) {
                        secrets.add(new KeySecret(copy(old.getSecretHmac()), until));
                    }
                }
                secrets.add(new KeySecret(copy(op.getSecretHmac()), null));
            }
            case REVOKED, EXPIRED -> {
                // The HMACs stay, so that only a holder of the secret learns the key is dead.
                status = op.getOperation() == KeyOperationType.REVOKED ? KeyStatus.REVOKED : KeyStatus.EXPIRED;
                current.getSecrets().forEach(old -> secrets.add(new KeySecret(copy(old.getSecretHmac()), old.getValidUntil())));
            }
            default -> throw new IllegalStateException("unchecked key operation " + op.getOperation());
        }
        return ApiKeyState.newBuilder()
                .setKeyId(op.getKeyId())
                .setTenantId(tenant)
                .setScopes(current == null ? List.copyOf(op.getScopes()) : current.getScopes())
                .setExpiresAt(current == null ? op.getExpiresAt() : current.getExpiresAt())
                .setStatus(status)
                .setSecrets(secrets)
                .setCreatedSeq(current == null ? seq : current.getCreatedSeq())
                .setCreatedAt(current == null ? at : current.getCreatedAt())
                .setUpdatedAt(at)
                .setSeq(seq)
                .setHolder(current == null ? op.getHolder() : current.getHolder())
                .build();
    }

    private static boolean active(ApiKeyState key, Instant now) {
        return key.getStatus() == KeyStatus.ACTIVE && (key.getExpiresAt() == null || key.getExpiresAt().isAfter(now));
    }

    private TenantState tenantState(String tenant) {
        AccessRecord record = store.get(AccessKeys.tenant(tenant));
        return record == null ? null : (TenantState) record.getState();
    }

    /** The key {@code keyId} of {@code tenant} as this partition knows it, or null. */
    public ApiKeyState keyState(String tenant, String keyId) {
        AccessRecord record = store.get(AccessKeys.key(keyId));
        if (record == null || !(record.getState() instanceof ApiKeyState key) || !key.getTenantId().equals(tenant)) {
            return null;
        }
        return key;
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
