package io.veridict.api.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.auth.PublicEndpoint;
import io.veridict.schemas.note.NoteSigner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/** {@code GET /v1/checkpoint-keys}: the verifier keys checkpoints are signed with, for anyone (docs/checkpoints.md). */
@Path("/v1/checkpoint-keys")
public final class CheckpointKeysResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Optional<NoteSigner> signer;

    public CheckpointKeysResource(Optional<NoteSigner> signer) {
        this.signer = signer;
    }

    /** The verifier keys an auditor checks checkpoints with. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint(reason = "public keys, published so that anyone can verify a checkpoint")
    public ObjectNode keys() {
        ObjectNode answer = JSON.objectNode();
        var keys = answer.putArray("keys");
        signer.ifPresent(key -> keys.addObject().put("name", key.verifier().name())
                .put("key_id", String.format("%08x", key.verifier().keyId()))
                .put("verifier_key", key.verifier().toString()));
        return answer;
    }
}
