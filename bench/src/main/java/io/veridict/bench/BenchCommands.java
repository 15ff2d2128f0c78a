package io.veridict.bench;

import io.dropwizard.core.cli.Command;
import io.veridict.api.cli.CommandProvider;
import java.util.List;

/** Adds {@code veridict bench} to the command line where this jar is on the classpath. */
public final class BenchCommands implements CommandProvider {

    @Override
    public List<Command> commands() {
        return List.of(new BenchCommand());
    }
}
