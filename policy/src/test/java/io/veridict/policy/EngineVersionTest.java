package io.veridict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineVersionTest {

    @Test
    void namesTheCelVersionTheBuildUses() throws Exception {
        Properties versions = new Properties();
        try (InputStream in = EngineVersionTest.class.getResourceAsStream("/build-versions.properties")) {
            versions.load(in);
        }

        assertThat(versions.getProperty("cel.version")).matches("[0-9][0-9.]*");
        assertThat(EngineVersion.CEL)
                .as("a new dev.cel version needs a new EngineVersion.CEL, and perhaps a new ENGINE")
                .isEqualTo("cel-java/" + versions.getProperty("cel.version"));
        assertThat(EngineVersion.VERSION).isEqualTo(EngineVersion.ENGINE + " " + EngineVersion.CEL);
    }
}
