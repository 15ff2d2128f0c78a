package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.api.auth.AuthFactory;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.streams.crypto.LocalKms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldWriteEverySecretOnceAndPrintTheTokenOnly() throws Exception {
        Path out = tmp.resolve("docker/.env");
        String printed = run(out);

        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            if (!line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(env).containsOnlyKeys("VERIDICT_KEY_PEPPER", "VERIDICT_KEKS", "VERIDICT_CHECKPOINT_KEY",
                "VERIDICT_OPERATOR_TOKEN_SHA256");
        assertThat(Base64.getDecoder().decode(env.get("VERIDICT_KEY_PEPPER"))).hasSize(32);
        assertThat(LocalKms.parse(env.get("VERIDICT_KEKS"))).isNotNull();
        assertThat(NoteSigner.parse(env.get("VERIDICT_CHECKPOINT_KEY")).verifier().name()).isEqualTo("veridict");
        String token = printed.lines().filter(l -> l.startsWith("export VERIDICT_OPERATOR_TOKEN=")).findFirst().orElseThrow()
                .substring("export VERIDICT_OPERATOR_TOKEN=".length());
        assertThat(env.get("VERIDICT_OPERATOR_TOKEN_SHA256")).isEqualTo(AuthFactory.hashOperatorToken(token));
        assertThat(Files.readString(out)).doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    }

    @Test
    void shouldNeverReplaceAFileOfSecrets() throws Exception {
        Path out = tmp.resolve(".env");
        run(out);
        String first = Files.readString(out);
        assertThatThrownBy(() -> run(out)).hasMessageContaining("exists");
        assertThat(Files.readString(out)).isEqualTo(first);
    }

    private static String run(Path out) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new SecretsCommand().run(null, new Namespace(Map.of("out", out.toString(), "logName", "veridict")));
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
