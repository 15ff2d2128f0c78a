package io.veridict.streams.chain;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.note.NoteSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When and with which key the chain signs its tenants' trees onto the checkpoints topic
 * (docs/checkpoints.md §5): every {@code interval}, each tenant whose tree grew since its last
 * checkpoint (and every tenant of a task once, when the task starts).
 *
 * @param keys     the log's keys over time ({@link CheckpointKeys#NONE} signs nothing)
 * @param interval how often trees that grew are signed
 */
public record CheckpointSchedule(CheckpointKeys keys, Duration interval) {

    /** Signs nothing. */
    public static final CheckpointSchedule OFF = new CheckpointSchedule(CheckpointKeys.NONE, Duration.ofSeconds(10));

    public CheckpointSchedule {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(interval, "interval");
        if (keys.any() && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("the checkpoint interval must be positive: " + interval);
        }
    }

    /** One key, every {@code interval}. */
    public CheckpointSchedule(NoteSigner key, Duration interval) {
        this(CheckpointKeys.of(key), interval);
    }

    public boolean on() {
        return keys.any();
    }

    /** The signed note of a head, signed at {@code now}. */
    String sign(ChainHead head, Instant now) {
        return keys.sign(head.tenantId(), head.size(), head.merkleRoot().orElseThrow(), now);
    }
}
