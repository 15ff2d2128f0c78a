package io.veridict.api.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The name an instance gives itself in the Streams consumer group when none is configured:
 * generated once and kept in the state folder, beside the application's own folder (which
 * {@code KafkaStreams.cleanUp()} may delete), so a restart on the same state folder rejoins under
 * the same name. Two instances never share a state folder (Streams locks it), so they never share
 * a name.
 */
public final class InstanceName {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private InstanceName() {
    }

    /** The name kept in {@code stateDir} for {@code applicationId}, created on the first call. */
    public static String keptIn(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ".instance-id");
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (VALID.matcher(kept).matches()) {
                    return kept;
                }
                throw new IllegalStateException(file + " does not hold an instance name; delete it to make a new one");
            }
            Files.createDirectories(stateDir);
            String made = applicationId + "-" + UUID.randomUUID();
            Path written = Files.writeString(stateDir.resolve(file.getFileName() + ".tmp"), made, StandardCharsets.UTF_8);
            try {
                Files.move(written, file);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(written);
                return keptIn(stateDir, applicationId);
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance name in " + stateDir, e);
        }
    }
}
