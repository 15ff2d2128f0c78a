package io.veridict.streams.chain;

import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The log's checkpoint keys over time (docs/checkpoints.md §9): the key that signs now, the key
 * that takes over at a given time (a rotation configured ahead), and retired keys, published with
 * their validity so that older checkpoints still verify. Every key has the log's name, so a
 * tenant's checkpoint origin {@code <name>/<tenant>} does not change with a rotation.
 *
 * <p>A rotation is recorded in the checkpoints themselves: for {@link #HANDOVER} after the switch,
 * every checkpoint carries the signatures of both keys, so an auditor who trusts the old key sees
 * it vouch for the trees the new key signs.
 */
public final class CheckpointKeys {

    /** How long after a switch checkpoints are signed by both keys. */
    public static final Duration HANDOVER = Duration.ofHours(24);
    /** No keys: nothing is signed. */
    public static final CheckpointKeys NONE = new CheckpointKeys(null, null, null, List.of());

    /**
     * A key as published.
     *
     * @param key           the verifier key
     * @param validFromOrNull  when it started (or starts) signing; null: before any record
     * @param validUntilOrNull when it stopped (or stops) signing; null: still signing
     */
    public record Published(NoteVerifier key, Instant validFromOrNull, Instant validUntilOrNull) {

        /** {@code active}, {@code next} or {@code retired} at {@code now}. */
        public String statusAt(Instant now) {
            if (validFromOrNull != null && now.isBefore(validFromOrNull)) {
                return "next";
            }
            return validUntilOrNull != null && !now.isBefore(validUntilOrNull) ? "retired" : "active";
        }
    }

    private final NoteSigner current;
    private final NoteSigner next;
    private final Instant nextFrom;
    private final List<Published> retired;

    /**
     * @param currentOrNull  the key that signs now; null signs nothing
     * @param nextOrNull     the key that signs from {@code nextFromOrNull} on
     * @param nextFromOrNull when the next key takes over
     * @param retired        earlier keys, published only
     * @throws IllegalArgumentException if a key's name differs from the current key's, or a next key
     *                                  lacks its start
     */
    public CheckpointKeys(NoteSigner currentOrNull, NoteSigner nextOrNull, Instant nextFromOrNull, List<Published> retired) {
        if (currentOrNull == null && (nextOrNull != null || !retired.isEmpty())) {
            throw new IllegalArgumentException("a next or retired checkpoint key needs a current signing key");
        }
        if ((nextOrNull == null) != (nextFromOrNull == null)) {
            throw new IllegalArgumentException("a next checkpoint key needs the time it signs from, and only with one");
        }
        String name = currentOrNull == null ? null : currentOrNull.verifier().name();
        if (nextOrNull != null && !nextOrNull.verifier().name().equals(name)) {
            throw new IllegalArgumentException("the next checkpoint key is named " + nextOrNull.verifier().name()
                    + ", the current one " + name + ": a log keeps its name (it is the checkpoints' origin)");
        }
        for (Published old : retired) {
            if (!old.key().name().equals(name)) {
                throw new IllegalArgumentException("the retired checkpoint key " + old.key() + " is not named " + name);
            }
        }
        this.current = currentOrNull;
        this.next = nextOrNull;
        this.nextFrom = nextFromOrNull;
        this.retired = List.copyOf(retired);
    }

    /** A single key that signs from now on. */
    public static CheckpointKeys of(NoteSigner key) {
        return new CheckpointKeys(Objects.requireNonNull(key, "key"), null, null, List.of());
    }

    public boolean any() {
        return current != null;
    }

    /** The log's name: every key's. */
    public String name() {
        return current.verifier().name();
    }

    /** The key that signs at {@code now}. */
    public NoteSigner activeAt(Instant now) {
        return next != null && !now.isBefore(nextFrom) ? next : current;
    }

    /** The keys a checkpoint signed at {@code now} carries: the active one, and the previous during the handover. */
    public List<NoteSigner> signersAt(Instant now) {
        if (next != null && !now.isBefore(nextFrom) && now.isBefore(nextFrom.plus(HANDOVER))) {
            return List.of(next, current);
        }
        return List.of(activeAt(now));
    }

    /** A tenant's checkpoint origin: the log's name, a slash, the tenant id. */
    public String origin(String tenant) {
        return name() + "/" + tenant;
    }

    /** The signed checkpoint note of {@code tenant}'s tree of {@code size} leaves with root {@code root}, signed at {@code now}. */
    public String sign(String tenant, long size, byte[] root, Instant now) {
        return SignedNote.sign(new Checkpoint(origin(tenant), size, root).text(), signersAt(now));
    }

    /** Every key with its validity, retired first, then the current and the next. */
    public List<Published> published() {
        List<Published> all = new ArrayList<>(retired);
        if (current != null) {
            Instant lastRetirement = retired.stream().map(Published::validUntilOrNull).filter(Objects::nonNull)
                    .max(Instant::compareTo).orElse(null);
            all.add(new Published(current.verifier(), lastRetirement, nextFrom));
        }
        if (next != null) {
            all.add(new Published(next.verifier(), nextFrom, null));
        }
        return all;
    }
}
