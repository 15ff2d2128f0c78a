package io.veridict.verifier.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for a one-shot command whose stdout is its result: Dropwizard's bootstrap logging
 * writes WARN and above to stdout, and Kafka clients warn about every refused connection. This
 * keeps errors only, on stderr; the command reports problems in its own words.
 */
public final class StderrLogging {

    private StderrLogging() {
    }

    /** Replaces the root logger's appenders by one ERROR-level appender on stderr. */
    public static void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{36}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        root.addAppender(stderr);
        root.setLevel(Level.ERROR);
    }
}
