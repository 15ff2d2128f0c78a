package io.veridict.streams;

import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.streams.errors.DeadLetterHeaders;
import io.veridict.streams.topics.LedgerTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Veridict's stream topology. {@link #build} is the only place it is assembled, so tests
 * run exactly the production topology.
 *
 * <p>Today it is the command intake: commands are read (unreadable ones go to the
 * dead-letter topic through the deserialisation handler), checked, and either counted per
 * tenant or sent to the dead-letter topic with the reason. The chain processor is added
 * behind the intake.
 */
public final class LedgerTopology {

    /** Source processor of the commands topic. */
    public static final String COMMANDS_SOURCE = "commands-source";
    /** Per-tenant count of accepted commands (RocksDB). */
    public static final String INTAKE_STORE = "command-intake-store";

    private static final String SPLIT = "intake-";
    private static final String VALID = "valid";
    private static final String REJECTED = "rejected";

    private LedgerTopology() {
    }

    public static Topology build(LedgerTopics topics, Serde<LedgerCommand> commandSerde) {
        StreamsBuilder builder = new StreamsBuilder();

        // 1. Commands, keyed by tenant id.
        KStream<String, LedgerCommand> commands = builder.stream(topics.commands().name(),
                Consumed.with(Serdes.String(), commandSerde).withName(COMMANDS_SOURCE));

        // 2. Split well-formed commands from those that must not reach a ledger.
        var branches = commands.split(Named.as(SPLIT))
                .branch((tenant, command) -> CommandValidator.check(tenant, command).isEmpty(), Branched.as(VALID))
                .defaultBranch(Branched.as(REJECTED));

        // 3. Rejected commands go to the dead-letter topic with the reason in headers.
        branches.get(SPLIT + REJECTED)
                .processValues(RejectionMarker::new, Named.as("mark-rejection"))
                .to(topics.deadLetter().name(), Produced.with(Serdes.String(), commandSerde).withName("dead-letter-sink"));

        // 4. Accepted commands are counted per tenant.
        branches.get(SPLIT + VALID)
                .groupByKey(Grouped.<String, LedgerCommand>as("intake-by-tenant").withKeySerde(Serdes.String()).withValueSerde(commandSerde))
                .count(Named.as("count-intake"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(INTAKE_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));

        return builder.build();
    }

    /** Adds the rejection reason and the record's origin to its headers. */
    private static final class RejectionMarker extends ContextualFixedKeyProcessor<String, LedgerCommand, LedgerCommand> {
        @Override
        public void process(FixedKeyRecord<String, LedgerCommand> record) {
            CommandValidator.Rejection rejection = CommandValidator.check(record.key(), record.value()).orElseThrow();
            var metadata = context().recordMetadata().orElseThrow();
            DeadLetterHeaders.describe(record.headers(), rejection.reason(), rejection.message(),
                    metadata.topic(), metadata.partition(), metadata.offset());
            context().forward(record);
        }
    }
}
