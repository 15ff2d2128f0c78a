package io.veridict.verifier;

/**
 * Told how far a verification is, for a progress bar. Called from the verifying thread after
 * each batch of records; implementations MUST return quickly and MUST NOT throw.
 */
@FunctionalInterface
public interface ReplayProgress {

    /** Ignores every update. */
    ReplayProgress NONE = (phase, done, total) -> {
    };

    /** What is being read. */
    enum Phase {
        /** The payloads topic, read first into an index of payload hashes. */
        PAYLOADS,
        /** The entries topic (or an export's entry lines), verified as read. */
        ENTRIES
    }

    /**
     * @param phase what is being read
     * @param done  offsets of that phase consumed so far (or export lines read); offsets also
     *              count transaction markers and aborted records, so this is slightly more
     *              than the records handled
     * @param total offsets of that phase to consume, from the end offsets taken at start (or
     *              the export header's range); {@code done} reaches it when the phase ends
     */
    void update(Phase phase, long done, long total);
}
