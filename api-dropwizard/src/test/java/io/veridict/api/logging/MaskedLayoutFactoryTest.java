package io.veridict.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class MaskedLayoutFactoryTest {

    private static final String FORMAT = "%-5p [%d{ISO8601,UTC}] [%X{correlation_id}] %c: %m%n%rEx";

    @Test
    void shouldMaskTheMessageAndEveryExceptionMessageButKeepTheCorrelationId() {
        LoggerContext context = new LoggerContext();
        LayoutBase<ILoggingEvent> layout = new MaskedLayoutFactory().build(context, TimeZone.getTimeZone("UTC"));
        ((PatternLayoutBase<ILoggingEvent>) layout).setPattern(FORMAT);
        layout.start();
        Logger logger = context.getLogger("io.veridict.Test");
        Exception failure = new IllegalStateException("wrapped",
                new IllegalArgumentException("bad header Authorization: Bearer vdk_k1_secret for bob@example.com"));
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "failed for {} (+44 20 7946 0958)", failure, new Object[] {"alice@example.com"});
        event.setMDCPropertyMap(Map.of("correlation_id", "3f2b8c1e-9a4d-4b7e-8c21-0d5e6f7a8b9c"));

        String line = layout.doLayout(event);

        assertThat(line).startsWith("ERROR [")
                .contains("[3f2b8c1e-9a4d-4b7e-8c21-0d5e6f7a8b9c] io.veridict.Test: failed for a***@example.com (***)")
                .contains("Authorization: ***", "b***@example.com", "IllegalStateException: wrapped")
                .doesNotContain("alice@", "bob@", "7946", "vdk_k1_secret");
    }
}
