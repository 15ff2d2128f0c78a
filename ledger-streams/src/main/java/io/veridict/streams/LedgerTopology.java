package io.veridict.streams;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.streams.chain.ChainProcessor;
import io.veridict.streams.chain.ChainStep;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.CheckpointSchedule;
import io.veridict.streams.chain.PayloadProjector;
import io.veridict.streams.chain.TenantPartitioner;
import io.veridict.streams.crypto.CommandSeal;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.errors.DeadLetterHeaders;
import io.veridict.streams.store.TopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import java.time.Clock;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
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
 */
public final class LedgerTopology {

    /** Source processor of the commands topic. */
    public static final String COMMANDS_SOURCE = "commands-source";
    /** The chain processor. */
    public static final String CHAIN_PROCESSOR = "chain-processor";
    /** Source processor of the payloads topic, feeding the payloads projection. */
    public static final String PAYLOADS_SOURCE = "payloads-source";
    /** The payload projector. */
    public static final String PAYLOAD_PROJECTOR = "payload-projector";
    /** The global store of tenants and API keys every instance holds ({@link io.veridict.streams.access.AccessKeys}). */
    public static final String ACCESS_VIEW = "access-view";

    private static final String SPLIT = "intake-";
    private static final String VALID = "valid";
    private static final String REJECTED = "rejected";

    private LedgerTopology() {
    }

    /**
     * @param history where a task catches its projections up from when it starts (Kafka in
     *                production; what a test provides)
     * @param crypto  what seals payloads at rest
     */
    public static Topology build(LedgerTopics topics, LedgerSerdes serdes, TopicHistory history, LedgerCrypto crypto) {
        return build(topics, serdes, history, crypto, CheckpointSchedule.OFF);
    }

    /**
     * @param checkpoints when and with which key the chain signs tenants' trees onto the checkpoints topic
     */
    public static Topology build(LedgerTopics topics, LedgerSerdes serdes, TopicHistory history, LedgerCrypto crypto,
                                 CheckpointSchedule checkpoints) {
        StreamsBuilder builder = new StreamsBuilder();
        ChainStores.builders().forEach(builder::addStateStore);

        // 1. Commands, keyed by tenant id; unreadable records go to the dead-letter topic
        //    through the deserialisation handler.
        KStream<String, LedgerCommand> commands = builder.stream(topics.commands().name(),
                Consumed.with(Serdes.String(), serdes.commands()).withName(COMMANDS_SOURCE));

        // 2. Open each sealed body (in memory only), then split well-formed commands from those
        //    that must never reach a ledger.
        CommandSeal seal = new CommandSeal(crypto.kms(), Clock.systemUTC());
        var branches = commands.mapValues((tenant, command) -> Intake.of(tenant, command, seal), Named.as("open-bodies"))
                .split(Named.as(SPLIT))
                .branch((tenant, intake) -> intake.accepted(), Branched.as(VALID))
                .defaultBranch(Branched.as(REJECTED));

        // 3. Rejected commands go to the dead-letter topic as they came (sealed bodies stay
        //    sealed), with the reason in headers.
        branches.get(SPLIT + REJECTED)
                .processValues(RejectionMarker::new, Named.as("mark-rejection"))
                .to(topics.deadLetter().name(), Produced.with(Serdes.String(), serdes.commands()).withName("dead-letter-sink"));

        // 4. Accepted commands are chained, one tenant at a time (the tenant is the key): each
        //    becomes one run of entries, written to the projections as it is chained.
        KStream<String, ChainStep> steps = branches.get(SPLIT + VALID)
                .mapValues(Intake::clearOrNull, Named.as("clear-bodies"))
                .process(ChainProcessor.supplier(topics, serdes, history, crypto, checkpoints), Named.as(CHAIN_PROCESSOR),
                        ChainStores.CHAIN_STORES);

        // 5. The run, as one record keyed by (tenant, first seq), and one payload per entry keyed
        //    by (tenant, seq); both partitioned by tenant, so they sit beside the tenant's commands.
        KStream<String, ChainStep> chained = steps.filter((tenant, step) -> step.chained(), Named.as("only-chained"));
        chained.map((tenant, step) -> KeyValue.pair(step.runKey(), step.run()), Named.as("to-run"))
                .to(topics.entries().name(), Produced.with(serdes.entryKeys(), serdes.entries())
                        .withStreamPartitioner(new TenantPartitioner<>()).withName("entries-sink"));
        chained.flatMap((tenant, step) -> IntStream.range(0, step.entries().size())
                        .mapToObj(i -> KeyValue.pair(step.payloadKey(i), step.payloads().get(i))).toList(), Named.as("to-payloads"))
                .to(topics.payloads().name(), Produced.with(serdes.entryKeys(), serdes.payloads())
                        .withStreamPartitioner(new TenantPartitioner<>()).withName("payloads-sink"));

        //    A retention run's erasures: tombstones for the payloads it erased, in the same transaction.
        chained.flatMap((tenant, step) -> step.erasures().stream()
                        .map(key -> KeyValue.pair(key, (PayloadEnvelope) null)).toList(), Named.as("to-erasures"))
                .to(topics.payloads().name(), Produced.with(serdes.entryKeys(), serdes.payloads())
                        .withStreamPartitioner(new TenantPartitioner<>()).withName("erasures-sink"));

        // 6. The payloads topic's tombstones, as committed, into the payloads projection: each erases
        //    the stored copy (the chain stores the values itself). Same task as the chain: it shares the stores.
        builder.stream(topics.payloads().name(), Consumed.with(serdes.entryKeys(), Serdes.ByteArray()).withName(PAYLOADS_SOURCE))
                .process(PayloadProjector.supplier(topics), Named.as(PAYLOAD_PROJECTOR), ChainStores.PROJECTIONS);

        // 7. Tenant and key changes, to the compacted access topic...
        chained.flatMap((tenant, step) -> step.access().entrySet().stream()
                        .map(change -> KeyValue.pair(change.getKey(), change.getValue())).toList(), Named.as("to-access"))
                .to(topics.access().name(), Produced.with(Serdes.String(), serdes.access()).withName("access-sink"));
        //    ...which every instance reads whole into its access view, to authenticate requests.
        builder.globalTable(topics.access().name(), Consumed.with(Serdes.String(), serdes.access()).withName("access-source"),
                Materialized.<String, AccessRecord, KeyValueStore<Bytes, byte[]>>as(ACCESS_VIEW)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.access()));

        // 8. The outcome of every item that chained nothing (a duplicate, a conflict), for the
        //    producer waiting on it; a chained item's outcome is its entry in the run.
        steps.flatMapValues(ChainStep::outcomes, Named.as("to-outcomes"))
                .to(topics.receipts().name(), Produced.with(Serdes.String(), serdes.outcomes()).withName("receipts-sink"));

        // 9. Signed checkpoints of the tenants' trees, on the schedule, in the chain's transaction.
        steps.flatMapValues(ChainStep::checkpoints, Named.as("to-checkpoints"))
                .to(topics.checkpoints().name(), Produced.with(Serdes.String(), serdes.checkpoints()).withName("checkpoints-sink"));

        return builder.build();
    }

    /** Adds the rejection reason and the record's origin to its headers; forwards the command as it came. */
    private static final class RejectionMarker extends ContextualFixedKeyProcessor<String, Intake, LedgerCommand> {
        @Override
        public void process(FixedKeyRecord<String, Intake> record) {
            CommandValidator.Rejection rejection = record.value().rejection().orElseThrow();
            var metadata = context().recordMetadata().orElseThrow();
            DeadLetterHeaders.describe(record.headers(), rejection.reason(), rejection.message(),
                    metadata.topic(), metadata.partition(), metadata.offset());
            context().forward(record.withValue(record.value().original()));
        }
    }
}
