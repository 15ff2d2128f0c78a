package io.veridict.api.logging;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.logging.common.AbstractOutputStreamAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.RequestLogFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule that every log output is masked, checked on the configuration before the service
 * starts: each application log appender MUST use {@code layout: {type: masked}} and each request
 * log appender {@code layout: {type: masked-access}}; a request log format MUST NOT print bodies
 * or request headers that carry credentials. A configuration that breaks the rule is refused
 * with the list of offending appenders, so masking cannot be forgotten when an appender is added.
 */
public final class MaskedLogging {

    /** Request log conversion words that would print bodies, cookies or the credentials header. */
    private static final Pattern UNSAFE_ACCESS_FORMAT = Pattern.compile(
            "(?i)%(?:requestContent|responseContent|fullRequest|fullResponse|reqCookie|requestCookie)\\b"
                    + "|%(?:i|header)\\{\\s*(?:proxy-)?(?:authorization|cookie)\\s*}");

    private MaskedLogging() {
    }

    /**
     * Refuses a configuration whose log output would not be masked.
     *
     * @throws IllegalStateException naming every offending appender and what to change
     */
    public static void require(Configuration configuration) {
        List<String> problems = problems(configuration);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Log output must be masked: " + String.join("; ", problems));
        }
    }

    /** Each appender of {@code configuration} that would write unmasked output, with what to change. */
    public static List<String> problems(Configuration configuration) {
        List<String> problems = new ArrayList<>();
        applicationLog(configuration.getLoggingFactory(), problems);
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            requestLog(server.getRequestLogFactory(), problems);
        }
        return problems;
    }

    private static void applicationLog(LoggingFactory logging, List<String> problems) {
        if (!(logging instanceof DefaultLoggingFactory configured)) {
            problems.add("logging: only the default logging factory can be checked, not " + typeOf(logging));
            return;
        }
        List<AppenderFactory<ch.qos.logback.classic.spi.ILoggingEvent>> appenders = configured.getAppenders();
        for (int i = 0; i < appenders.size(); i++) {
            if (!hasLayout(appenders.get(i), MaskedLayoutFactory.class)) {
                problems.add("logging.appenders[" + i + "] (" + typeOf(appenders.get(i)) + ") needs layout.type "
                        + MaskedLayoutFactory.TYPE);
            }
        }
    }

    private static void requestLog(RequestLogFactory<?> requestLog, List<String> problems) {
        if (requestLog == null || !requestLog.isEnabled()) {
            return;
        }
        if (!(requestLog instanceof LogbackAccessRequestLogFactory access)) {
            problems.add("server.requestLog: only the logback-access request log can be masked, not " + typeOf(requestLog));
            return;
        }
        var appenders = access.getAppenders();
        for (int i = 0; i < appenders.size(); i++) {
            String name = "server.requestLog.appenders[" + i + "] (" + typeOf(appenders.get(i)) + ")";
            if (!hasLayout(appenders.get(i), MaskedAccessLayoutFactory.class)) {
                problems.add(name + " needs layout.type " + MaskedAccessLayoutFactory.TYPE);
            } else if (appenders.get(i) instanceof AbstractOutputStreamAppenderFactory<?> stream
                    && stream.getLogFormat() != null && UNSAFE_ACCESS_FORMAT.matcher(stream.getLogFormat()).find()) {
                problems.add(name + " logFormat prints bodies, cookies or credentials");
            }
        }
    }

    /** Only output-stream appenders (console, file, TCP, UDP) use a layout; syslog ignores it. */
    private static boolean hasLayout(AppenderFactory<?> appender, Class<?> layout) {
        return appender instanceof AbstractOutputStreamAppenderFactory<?> stream && layout.isInstance(stream.getLayout());
    }

    private static String typeOf(Object factory) {
        if (factory == null) {
            return "none";
        }
        JsonTypeName name = factory.getClass().getAnnotation(JsonTypeName.class);
        return name == null ? factory.getClass().getSimpleName() : name.value();
    }
}
