package io.veridict.api.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.auth.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.veridict.streams.chain.CheckpointKeys;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /v1/checkpoint-keys}: the verifier keys checkpoints are signed with, for anyone
 * (docs/checkpoints.md): retired keys, the active one and a next one, each with its validity.
 */
@Path("/v1/checkpoint-keys")
public final class CheckpointKeysResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CheckpointKeys keys;
    private final Clock clock;

    public CheckpointKeysResource(CheckpointKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The verifier keys an auditor checks checkpoints with. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint(reason = "public keys, published so that anyone can verify a checkpoint")
    public ObjectNode keys() {
        ObjectNode answer = JSON.objectNode();
        var keys = answer.putArray("keys");
        Instant now = clock.instant();
        for (CheckpointKeys.Published key : this.keys.published()) {
            keys.addObject().put("name", key.key().name())
                    .put("key_id", String.format("%08x", key.key().keyId()))
                    .put("verifier_key", key.key().toString())
                    .put("status", key.statusAt(now))
                    .put("valid_from", key.validFromOrNull() == null ? null : key.validFromOrNull().toString())
                    .put("valid_until", key.validUntilOrNull() == null ? null : key.validUntilOrNull().toString());
        }
        return answer;
    }
}
