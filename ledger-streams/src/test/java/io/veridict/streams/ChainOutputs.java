package io.veridict.streams;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.GroupItem;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.streams.chain.Receipts;
import io.veridict.streams.topics.LedgerTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Pipes commands into a test driver and reads what each produced, as a producer would see it:
 * an outcome per item, in item order, a chained item's taken from its entry in the run (as the
 * API derives it) and the others from the receipts topic.
 */
final class ChainOutputs {

    private final TestInputTopic<String, LedgerCommand> commands;
    private final TestOutputTopic<EntryKey, EntryRun> runs;
    private final TestOutputTopic<String, CommandOutcome> receipts;
    private final List<CommandOutcome> answers = new ArrayList<>();
    private final List<KeyValue<EntryKey, EntryRun>> written = new ArrayList<>();

    ChainOutputs(TopologyTestDriver driver, LedgerTopics topics, LedgerSerdes serdes) {
        commands = driver.createInputTopic(topics.commands().name(), new StringSerializer(), serdes.commands().serializer());
        runs = driver.createOutputTopic(topics.entries().name(), serdes.entryKeys().deserializer(), serdes.entries().deserializer());
        receipts = driver.createOutputTopic(topics.receipts().name(), new StringDeserializer(), serdes.outcomes().deserializer());
    }

    /** Pipes {@code command} under {@code key} and collects its answers. */
    void pipe(String key, LedgerCommand command) {
        commands.pipeInput(key, command);
        Map<String, RunEntry> chained = new HashMap<>();
        for (KeyValue<EntryKey, EntryRun> run : runs.readKeyValuesToList()) {
            written.add(run);
            run.value.getEntries().forEach(e -> chained.put(e.getOrigin().getCommandId(), e));
        }
        Map<String, CommandOutcome> refused = new HashMap<>();
        receipts.readValuesToList().forEach(o -> refused.put(o.getCommandId(), o));
        for (Item item : items(command)) {
            RunEntry entry = chained.get(item.id);
            answers.add(entry != null ? Receipts.chained(entry.getHeader(), item.id, item.key, item.decisionId)
                    : refused.get(item.id));
        }
    }

    /** Every answer so far, in order; then forgotten. */
    List<CommandOutcome> answers() {
        List<CommandOutcome> all = new ArrayList<>(answers); // a dead-lettered command has no answer: null
        answers.clear();
        return all;
    }

    /** The entries-topic records written so far (one per chained command); then forgotten. */
    List<KeyValue<EntryKey, EntryRun>> runs() {
        List<KeyValue<EntryKey, EntryRun>> all = List.copyOf(written);
        written.clear();
        return all;
    }

    /** The headers of every entry written so far, in order; then forgotten. */
    List<LedgerEntry> entries() {
        return runs().stream().flatMap(r -> r.value.getEntries().stream()).map(RunEntry::getHeader).toList();
    }

    private record Item(String id, String key, String decisionId) {
    }

    private static List<Item> items(LedgerCommand command) {
        if (command.getBody() instanceof DecisionGroup group) {
            List<Item> items = new ArrayList<>();
            for (GroupItem item : group.getItems()) {
                String decisionId = item.getDecision().getDecisionId();
                items.add(new Item(item.getCommandId(), item.getIdempotencyKey(),
                        decisionId != null ? decisionId : item.getCommandId()));
            }
            return items;
        }
        String decisionId = command.getBody() instanceof RecordDecision d
                ? (d.getDecisionId() != null ? d.getDecisionId() : command.getCommandId()) : null;
        return List.of(new Item(command.getCommandId(), command.getIdempotencyKey(), decisionId));
    }
}
