package io.veridict.streams.chain;

import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.PolicyRequest;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.format.Sha256;
import io.veridict.schemas.serde.AvroBinarySerde;

/**
 * What makes two commands "the same request" for idempotency: the SHA-256 of the Avro
 * binary of the command body (of one item, for a group: an item fingerprints as the single
 * decision command it stands for). Identical JSON requests give identical bodies (the API
 * canonicalises every JSON part), so a retry matches and a changed body does not.
 */
final class CommandFingerprint {

    private static final AvroBinarySerde<RecordDecision> DECISIONS = new AvroBinarySerde<>(RecordDecision.class);
    private static final AvroBinarySerde<KeyOperation> KEY_OPERATIONS = new AvroBinarySerde<>(KeyOperation.class);
    private static final AvroBinarySerde<TenantOperation> TENANT_OPERATIONS = new AvroBinarySerde<>(TenantOperation.class);
    private static final AvroBinarySerde<PolicyRequest> POLICY_REQUESTS = new AvroBinarySerde<>(PolicyRequest.class);
    private static final AvroBinarySerde<RetentionRequest> RETENTION_REQUESTS = new AvroBinarySerde<>(RetentionRequest.class);

    private CommandFingerprint() {
    }

    /** The fingerprint of a command (or group item) body. */
    static byte[] of(Object body) {
        byte[] bytes;
        byte kind;
        if (body instanceof RecordDecision decision) {
            kind = 1;
            bytes = DECISIONS.serialize("fingerprint", decision);
        } else if (body instanceof KeyOperation operation) {
            // A retried key creation or rotation carries a freshly generated secret (and a created
            // key a fresh id): the request is the same without them.
            kind = 2;
            String keyId = operation.getOperation() == KeyOperationType.CREATED ? "" : operation.getKeyId();
            KeyOperation withoutSecret = new KeyOperation(operation.getOperation(), keyId,
                    operation.getScopes(), operation.getExpiresAt(), operation.getReason(), null, operation.getOverlapMs(),
                    operation.getHolder());
            bytes = KEY_OPERATIONS.serialize("fingerprint", withoutSecret);
        } else if (body instanceof TenantOperation operation) {
            kind = 3;
            bytes = TENANT_OPERATIONS.serialize("fingerprint", operation);
        } else if (body instanceof RetentionRequest request) {
            // A retried policy change carries the approval deadline of its own attempt: the request
            // is the same without it.
            kind = 4;
            bytes = RETENTION_REQUESTS.serialize("fingerprint", new RetentionRequest(request.getRequest(), request.getPolicy(),
                    request.getProposalId(), request.getReason(), null, request.getHold(), request.getHoldId(), request.getErase()));
        } else if (body instanceof PolicyRequest request) {
            kind = 5;
            bytes = POLICY_REQUESTS.serialize("fingerprint", request);
        } else {
            throw new IllegalArgumentException("unknown command body " + body.getClass().getName());
        }
        return Sha256.hashPrefixed(kind, bytes);
    }
}
