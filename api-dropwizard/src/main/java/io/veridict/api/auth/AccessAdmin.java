package io.veridict.api.auth;

import io.veridict.streams.RefusalCode;
import io.veridict.api.core.DecisionRecorder;
import io.veridict.api.core.LedgerUnavailableException;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.Refusals;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import io.veridict.schemas.avro.TenantState;
import io.veridict.streams.IdempotencyKeys;
import io.veridict.streams.access.AccessChanges;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tenant and key administration. Every change is a command chained into the tenant's ledger;
 * a call returns once the change is chained <em>and</em> visible in this instance's access
 * view, so the very next request this instance authenticates sees it (a revoked key is refused).
 */
public final class AccessAdmin {

    private static final Duration POLL = Duration.ofMillis(2);

    private final DecisionRecorder recorder;
    private final AccessView view;
    private final SecretHasher hasher;
    private final Duration wait;
    private final Clock clock;

    public AccessAdmin(DecisionRecorder recorder, AccessView view, SecretHasher hasher, Duration wait, Clock clock) {
        this.recorder = recorder;
        this.view = view;
        this.hasher = hasher;
        this.wait = wait;
        this.clock = clock;
    }

    /** A created tenant, and its first key (all scopes) whose text is shown only on creation. */
    public record CreatedTenant(TenantState tenant, ApiKeyState adminKey, String adminKeyText, boolean created) {
    }

    /** A created or rotated key, with its new text (null when a retry answered the original). */
    public record IssuedKey(ApiKeyState key, String text, boolean created) {
    }

    /** Creates a tenant and its first admin key, issued to {@code adminHolder}. */
    public CreatedTenant createTenant(String tenantId, String displayName, String adminHolder, String idempotencyKey,
                                      Principal by, String correlationId) {
        CommandOutcome outcome = chain(command(tenantId, idempotencyKey, by, correlationId,
                new TenantOperation(TenantOperationType.CREATED, displayName, null)));
        TenantState tenant = await(() -> view.tenant(tenantId), outcome);
        IssuedKey admin = createKey(tenantId, EnumSet.allOf(Scope.class), null, adminHolder,
                IdempotencyKeys.derived(idempotencyKey, "admin-key"), by, correlationId);
        return new CreatedTenant(tenant, admin.key(), admin.text(), outcome.getStatus() == OutcomeStatus.CHAINED);
    }

    /** Suspends or reactivates a tenant. */
    public TenantState setTenantStatus(String tenantId, TenantOperationType operation, String reason, String idempotencyKey,
                                       Principal by, String correlationId) {
        TenantState current = view.tenant(tenantId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no tenant with this id"));
        CommandOutcome outcome = chain(command(tenantId, idempotencyKey, by, correlationId,
                new TenantOperation(operation, current.getDisplayName(), reason)));
        return await(() -> view.tenant(tenantId), outcome);
    }

    /** Creates a key of {@code tenantId}, issued to {@code holder}. */
    public IssuedKey createKey(String tenantId, Collection<Scope> scopes, Instant expiresAt, String holder,
                               String idempotencyKey, Principal by, String correlationId) {
        if (view.tenant(tenantId).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no tenant with this id");
        }
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        List<String> names = scopes.stream().sorted().map(Scope::wireName).toList();
        CommandOutcome outcome = chain(command(tenantId, idempotencyKey, by, correlationId, new KeyOperation(
                KeyOperationType.CREATED, key.keyId(), names, expiresAt, null, ByteBuffer.wrap(hasher.hash(key)), null,
                holder)));
        if (outcome.getStatus() == OutcomeStatus.DUPLICATE) {
            // A retry: the key was made by the first attempt, whose id the receipt's entry names.
            ApiKeyState original = keyOfEntry(tenantId, outcome);
            return new IssuedKey(original, null, false);
        }
        return new IssuedKey(await(() -> view.key(key.keyId()), outcome), key.text(), true);
    }

    /** Gives a key a new secret; the old one stays valid for {@code overlap}. */
    public IssuedKey rotateKey(String tenantId, String keyId, Duration overlap, String idempotencyKey, Principal by,
                               String correlationId) {
        ApiKeyState current = ownKey(tenantId, keyId);
        TokenFormat.ApiKey key = TokenFormat.newSecret(keyId);
        CommandOutcome outcome = chain(command(tenantId, idempotencyKey, by, correlationId, new KeyOperation(
                KeyOperationType.ROTATED, keyId, current.getScopes(), current.getExpiresAt(), null,
                ByteBuffer.wrap(hasher.hash(key)), overlap.toMillis(), null)));
        ApiKeyState rotated = await(() -> view.key(keyId), outcome);
        return new IssuedKey(rotated, outcome.getStatus() == OutcomeStatus.CHAINED ? key.text() : null,
                outcome.getStatus() == OutcomeStatus.CHAINED);
    }

    /** Revokes a key; returns once this instance refuses it. */
    public ApiKeyState revokeKey(String tenantId, String keyId, String reason, String idempotencyKey, Principal by,
                                 String correlationId) {
        ApiKeyState current = ownKey(tenantId, keyId);
        CommandOutcome outcome = chain(command(tenantId, idempotencyKey, by, correlationId, new KeyOperation(
                KeyOperationType.REVOKED, keyId, current.getScopes(), current.getExpiresAt(), reason, null, null, null)));
        return await(() -> view.key(keyId), outcome);
    }

    /**
     * Chains that each of {@code keys} passed its expiry, as one group of commands under internal
     * idempotency keys ({@link IdempotencyKeys#keyExpiry}), so every instance may sweep and each
     * expiry is recorded once. Nothing is thrown for one key: each outcome is returned as it came.
     *
     * @return one outcome per key, in order; empty where the chain has not answered in time
     * @throws LedgerUnavailableException when the broker did not take the commands at all
     */
    public List<Optional<CommandOutcome>> recordExpiries(List<ApiKeyState> keys, Principal by) {
        return recorder.record(keys.stream().map(key -> command(key.getTenantId(), IdempotencyKeys.keyExpiry(key.getKeyId()),
                by, "expiry-" + key.getKeyId(), new KeyOperation(KeyOperationType.EXPIRED, key.getKeyId(), key.getScopes(),
                        key.getExpiresAt(), "expired", null, null, null))).toList());
    }

    /** The tenant's key {@code keyId}; another tenant's key answers as an unknown one. */
    public ApiKeyState ownKey(String tenantId, String keyId) {
        return view.key(keyId).filter(k -> k.getTenantId().equals(tenantId))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no key with this id"));
    }

    private ApiKeyState keyOfEntry(String tenantId, CommandOutcome outcome) {
        long seq = outcome.getReceipt().getSeq();
        return view.keysOf(tenantId).stream().filter(k -> k.getCreatedSeq() == seq).findFirst()
                .orElseThrow(() -> new LedgerUnavailableException("the key is not visible here yet; retry", null));
    }

    private CommandOutcome chain(LedgerCommand command) {
        Optional<CommandOutcome> answer = recorder.record(List.of(command)).get(0);
        CommandOutcome outcome = answer.orElseThrow(() -> new LedgerUnavailableException(
                "the change was accepted but not chained in time; retry with the same Idempotency-Key", null));
        if (outcome.getStatus() == OutcomeStatus.CONFLICT) {
            throw Refusals.of(outcome.getReason());
        }
        return outcome;
    }

    private <T> T await(Supplier<Optional<? extends T>> read, CommandOutcome outcome) {
        long seq = outcome.getReceipt().getSeq();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<? extends T> state = read.get();
            if (state.isPresent() && seqOf(state.get()) >= seq) {
                return state.get();
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerUnavailableException("the change is chained but not yet visible here; retry with the same "
                        + "Idempotency-Key", null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnavailableException("interrupted", e);
            }
        }
    }

    private static long seqOf(Object state) {
        return state instanceof ApiKeyState key ? key.getSeq() : ((TenantState) state).getSeq();
    }

    private LedgerCommand command(String tenantId, String idempotencyKey, Principal by, String correlationId, Object body) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenantId)
                .setIdempotencyKey(idempotencyKey == null ? IdempotencyKeys.randomAdmin() : idempotencyKey)
                .setCorrelationId(correlationId)
                .setActor(by.actor())
                .setReceivedAt(Instant.ofEpochMilli(clock.millis()))
                .setBody(body)
                .build();
    }

}
