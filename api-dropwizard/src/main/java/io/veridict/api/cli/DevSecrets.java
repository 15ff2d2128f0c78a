package io.veridict.api.cli;

import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.TokenFormat;
import io.veridict.streams.crypto.LocalKms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The dev stack's secrets, made on its first start under {@code <data dir>/secrets} (owner-only):
 * the key pepper, the key-encryption key, the checkpoint signing key and the operator token's hash. The operator token itself
 * is never stored; it is printed once, when it is made.
 *
 * @param pepperFile        the pepper file, for {@code auth.pepperFile}
 * @param keksFile          the key-encryption key file, for {@code encryption.keksFile}
 * @param checkpointKeyFile the checkpoint signer key file, for {@code checkpoints.signingKeyFile}
 * @param operatorTokenHash the hex SHA-256 of the operator token, for {@code auth.operatorTokenSha256}
 * @param newOperatorToken  the operator token, only on the start that made it
 */
record DevSecrets(Path pepperFile, Path keksFile, Path checkpointKeyFile, String operatorTokenHash,
                  Optional<String> newOperatorToken) {

    /** The name of the dev stack's checkpoint key: tenant {@code t}'s checkpoints carry the origin {@code veridict-dev/t}. */
    static final String CHECKPOINT_KEY_NAME = "veridict-dev";

    static DevSecrets in(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("secrets");
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        Path pepper = dir.resolve("key-pepper");
        if (!Files.exists(pepper)) {
            write(pepper, NewSecrets.pepper());
        }
        Path keks = dir.resolve("keks");
        if (!Files.exists(keks)) {
            write(keks, LocalKms.generate("dev-kek-1"));
        }
        Path checkpointKey = dir.resolve("checkpoint-key");
        if (!Files.exists(checkpointKey)) {
            write(checkpointKey, NewSecrets.checkpointKey(CHECKPOINT_KEY_NAME));
        }
        Path operatorHash = dir.resolve("operator-token.sha256");
        Optional<String> token = Optional.empty();
        if (!Files.exists(operatorHash)) {
            token = Optional.of(TokenFormat.newOperatorToken());
            write(operatorHash, AuthFactory.hashOperatorToken(token.get()));
        }
        return new DevSecrets(pepper, keks, checkpointKey,
                Files.readString(operatorHash, StandardCharsets.US_ASCII).strip(), token);
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text + "\n", StandardCharsets.US_ASCII);
        restrict(temp, "rw-------");
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACLs apply.
        }
    }
}
