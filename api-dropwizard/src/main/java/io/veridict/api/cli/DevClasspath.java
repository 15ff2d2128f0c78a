package io.veridict.api.cli;

import io.dropwizard.core.cli.Command;
import io.veridict.api.VeridictApplication;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code veridict dev} finds its classes. The service is {@code veridict-api.jar} with
 * {@code lib/} beside it (what the jar's manifest names, and all that the image ships); the
 * embedded broker and the built-in schema registry, with the broker's own jars, are in
 * {@code dev-lib/} beside them, on the classpath only where {@code veridict} runs from a source
 * checkout ({@code ./veridict}).
 */
public final class DevClasspath {

    /** A class of the dev stack: where it loads, {@code veridict dev} can run. */
    static final String DEV_STACK_CLASS = "io.veridict.dev.kafka.EmbeddedKafkaBroker";

    private DevClasspath() {
    }

    /**
     * @return {@code veridict dev} where the dev stack's classes are on the classpath, else a
     *         {@code dev} command that says they are not part of this installation
     */
    public static Command devCommand(VeridictApplication application) {
        return present(DevClasspath.class.getClassLoader()) ? new DevCommand(application) : new DevUnavailableCommand();
    }

    static boolean present(ClassLoader loader) {
        try {
            Class.forName(DEV_STACK_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /**
     * The command line that runs {@code veridict arguments} from the packaged {@code jar} in a new
     * JVM as {@code ./veridict} does: the jar, and {@code lib/} and {@code dev-lib/} beside it, on
     * the classpath, so that every command runs, {@code dev} included.
     *
     * @param jar        {@code veridict-api.jar}
     * @param jvmOptions options of the JVM, e.g. its heap
     * @param arguments  the command and its arguments
     */
    public static List<String> javaCommand(Path jar, List<String> jvmOptions, List<String> arguments) {
        Path dir = jar.toAbsolutePath().getParent();
        String classpath = String.join(File.pathSeparator, jar.toString(),
                dir.resolve("lib").resolve("*").toString(), dir.resolve("dev-lib").resolve("*").toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, VeridictApplication.class.getName()));
        command.addAll(arguments);
        return command;
    }
}
