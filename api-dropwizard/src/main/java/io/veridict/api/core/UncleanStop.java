package io.veridict.api.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stop that was not clean leaves in the state folder, removed before Kafka Streams starts.
 *
 * <p>Under exactly-once, Kafka Streams treats a task's stores as corrupted when the task was not
 * closed cleanly (a {@code kill -9}, a crash, a lost machine): it opens every store, finds no
 * checkpoint, closes and deletes them, and restores them from Kafka. Opening and closing first
 * costs about a second per few tasks before anything is restored. A clean stop leaves a marker
 * here; a start that finds the folder without it removes the task folders at once, and the
 * stores are rebuilt from Kafka as they would have been. Nothing else in the folder is touched:
 * the process id Streams keeps there names this instance's transactions, and keeping it lets the
 * restarted instance abort the transaction its predecessor left open instead of waiting for it
 * to time out.
 */
final class UncleanStop {

    private static final Logger LOG = LoggerFactory.getLogger(UncleanStop.class);
    private static final Pattern TASK_FOLDER = Pattern.compile("[0-9]+_[0-9]+");
    static final String MARKER = "veridict-stopped-cleanly";

    private final Path appDir;

    UncleanStop(Path stateDir, String applicationId) {
        this.appDir = stateDir.resolve(applicationId);
    }

    /**
     * Before Streams starts: removes the task folders unless the last stop was clean, then
     * removes the marker so that a crash of this run is seen by the next. Returns the folders
     * removed.
     */
    List<Path> clearBeforeStart() {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(appDir)) {
            return removed;
        }
        Path marker = appDir.resolve(MARKER);
        try {
            if (!Files.exists(marker)) {
                try (Stream<Path> children = Files.list(appDir)) {
                    for (Path child : children.toList()) {
                        if (Files.isDirectory(child) && TASK_FOLDER.matcher(child.getFileName().toString()).matches()) {
                            deleteTree(child);
                            removed.add(child);
                        }
                    }
                }
                if (!removed.isEmpty()) {
                    LOG.warn("The ledger's last stop was not clean: removed {} task state folders from {}; "
                            + "their stores are rebuilt from Kafka", removed.size(), appDir);
                }
            }
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the state folder " + appDir, e);
        }
        return removed;
    }

    /** After Streams closed every thread: the next start keeps the stores. */
    void markClean() {
        try {
            if (Files.isDirectory(appDir)) {
                Files.writeString(appDir.resolve(MARKER), "");
            }
        } catch (IOException e) {
            LOG.warn("Could not mark the clean stop in {}; the next start rebuilds the stores", appDir, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
