package io.veridict.streams.chain;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When and with which key the chain signs its tenants' trees onto the checkpoints topic
 * (docs/checkpoints.md §5): every {@code interval}, each tenant whose tree grew since its last
 * checkpoint (and every tenant of a task once, when the task starts).
 *
 * @param signerOrNull the log's signer key; null signs nothing
 * @param interval     how often trees that grew are signed
 */
public record CheckpointSchedule(NoteSigner signerOrNull, Duration interval) {

    /** Signs nothing. */
    public static final CheckpointSchedule OFF = new CheckpointSchedule(null, Duration.ofSeconds(10));

    public CheckpointSchedule {
        Objects.requireNonNull(interval, "interval");
        if (signerOrNull != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("the checkpoint interval must be positive: " + interval);
        }
    }

    public boolean on() {
        return signerOrNull != null;
    }

    /** A tenant's checkpoint origin: the key's name, a slash, the tenant id. */
    public static String origin(NoteSigner key, String tenant) {
        return key.verifier().name() + "/" + tenant;
    }

    /** The signed checkpoint note of {@code tenant}'s tree of {@code size} leaves with root {@code root}. */
    public static String sign(NoteSigner key, String tenant, long size, byte[] root) {
        return SignedNote.sign(new Checkpoint(origin(key, tenant), size, root).text(), List.of(key));
    }

    /** The signed note of a head. */
    String sign(ChainHead head) {
        return sign(signerOrNull, head.tenantId(), head.size(), head.merkleRoot().orElseThrow());
    }
}
