package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ledger topology for the service's lifetime.
 *
 * <p>Closing leaves the consumer group at once, so that a restart does not wait out the
 * session timeout. A stream thread that dies is replaced; the reason is logged. A start after a
 * stop that was not clean first removes the task state Kafka Streams would find corrupted
 * ({@link UncleanStop}).
 */
public final class LedgerStreams implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final UncleanStop uncleanStop;

    public LedgerStreams(Topology topology, Properties properties) {
        this.uncleanStop = new UncleanStop(Path.of(properties.getProperty(StreamsConfig.STATE_DIR_CONFIG)),
                properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        uncleanStop.clearBeforeStart();
        this.streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Ledger streams {} -> {}", before, now));
    }

    /** The running Streams client, for interactive queries. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void start() {
        streams.start();
    }

    @Override
    public void stop() {
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (closed && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            uncleanStop.markClean();
        }
    }
}
