package io.veridict.api.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * {@code layout: {type: masked}} on an application log appender (console, file, socket): the
 * appender's {@code logFormat} as usual, then every formatted line, stack traces included, passed
 * through {@link LogMasker}. {@link MaskedLogging} refuses to start without it.
 */
@JsonTypeName(MaskedLayoutFactory.TYPE)
public final class MaskedLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

    /** The {@code type} that selects this layout in YAML. */
    public static final String TYPE = "masked";

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return new Layout(context, timeZone);
    }

    /** Dropwizard's pattern layout (and its {@code %dwREx} converters), masked. */
    static final class Layout extends DropwizardLayout {

        Layout(LoggerContext context, TimeZone timeZone) {
            super(context, timeZone);
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            return LogMasker.mask(super.doLayout(event));
        }
    }
}
