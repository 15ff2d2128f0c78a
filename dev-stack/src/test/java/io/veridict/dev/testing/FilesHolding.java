package io.veridict.dev.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Which files under a folder hold a given text verbatim: for tests that data is gone from disk. */
public final class FilesHolding {

    private FilesHolding() {
    }

    /**
     * The regular files under {@code root} whose bytes contain the UTF-8 of {@code text}. Files
     * that vanish while the folder is walked (RocksDB replacing its files) are skipped.
     */
    public static List<Path> text(Path root, String text) {
        return bytes(root, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The regular files under {@code root} whose bytes contain {@code needle}; as {@link #text}. */
    public static List<Path> bytes(Path root, byte[] needle) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (contains(Files.readAllBytes(file), needle)) {
                        found.add(file);
                    }
                } catch (NoSuchFileException vanished) {
                    // replaced while we walked
                }
            }
        } catch (UncheckedIOException | IOException vanished) {
            return bytes(root, needle); // a folder vanished under the walk: walk again
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
