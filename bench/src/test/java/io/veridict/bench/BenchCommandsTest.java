package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Command;
import io.veridict.api.cli.CommandProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BenchCommandsTest {

    @Test
    void shouldAddTheBenchCommandWhereTheJarIsOnTheClasspath() {
        assertThat(ServiceLoader.load(CommandProvider.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(provider -> provider.commands().stream()).map(Command::getName)).containsExactly("bench");
    }
}
