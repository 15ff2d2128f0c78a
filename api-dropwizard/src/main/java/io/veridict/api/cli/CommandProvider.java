package io.veridict.api.cli;

import io.dropwizard.core.cli.Command;
import java.util.List;

/**
 * Commands that a jar on the classpath adds to {@code veridict}, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.veridict.api.cli.CommandProvider} file in that jar names the
 * implementation). The benchmark's jar adds {@code veridict bench} this way where {@code ./veridict}
 * runs from a source checkout; the image has none.
 */
public interface CommandProvider {

    /** @return the commands to add, each with a name no other command has */
    List<Command> commands();
}
