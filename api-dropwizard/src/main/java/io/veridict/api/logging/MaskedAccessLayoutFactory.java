package io.veridict.api.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.util.TimeZone;

/**
 * {@code layout: {type: masked-access}} on a request log appender
 * ({@code server.requestLog.appenders}): Dropwizard's request log layout and the appender's
 * {@code logFormat}, then every line passed through {@link LogMasker}, so that query strings,
 * {@code Referer} and {@code User-Agent} cannot carry an e-mail address, a telephone number or a
 * key into the log.
 */
@JsonTypeName(MaskedAccessLayoutFactory.TYPE)
public final class MaskedAccessLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {

    /** The {@code type} that selects this layout in YAML. */
    public static final String TYPE = "masked-access";

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        return new Layout(context, timeZone);
    }

    /** Dropwizard's request log layout, masked. */
    static final class Layout extends LogbackAccessRequestLayout {

        Layout(LoggerContext context, TimeZone timeZone) {
            super(context, timeZone);
        }

        @Override
        public String doLayout(IAccessEvent event) {
            return LogMasker.mask(super.doLayout(event));
        }
    }
}
