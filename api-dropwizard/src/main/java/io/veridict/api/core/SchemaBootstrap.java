package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.streams.topics.LedgerTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Veridict's schemas under their TopicNameStrategy subjects at start-up, so that
 * producers writing straight to the commands topic and auditors reading the other topics
 * find the contract in the registry, and an incompatible contract change stops the
 * service before it writes anything.
 */
public final class SchemaBootstrap implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaBootstrap.class);

    private final SchemaRegistryClient registry;
    private final Map<String, Schema> subjects = new LinkedHashMap<>();

    public SchemaBootstrap(SchemaRegistryClient registry, LedgerTopics topics) {
        this.registry = registry;
        subjects.put(topics.commands().name() + "-value", LedgerCommand.getClassSchema());
        subjects.put(topics.entries().name() + "-key", EntryKey.getClassSchema());
        subjects.put(topics.entries().name() + "-value",
                Schema.createUnion(java.util.List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema())));
        subjects.put(topics.payloads().name() + "-key", EntryKey.getClassSchema());
        subjects.put(topics.payloads().name() + "-value", PayloadEnvelope.getClassSchema());
        subjects.put(topics.receipts().name() + "-value", CommandOutcome.getClassSchema());
        subjects.put(topics.access().name() + "-value", AccessRecord.getClassSchema());
        subjects.put(topics.checkpoints().name() + "-value", SignedCheckpoint.getClassSchema());
    }

    @Override
    public void start() {
        subjects.forEach((subject, schema) -> {
            int id = registry.register(subject, schema);
            LOG.info("Schema {} registered under {} with id {}", schema.getType() == Schema.Type.UNION
                    ? "union " + schema.getTypes().stream().map(Schema::getName).toList() : schema.getFullName(), subject, id);
        });
    }
}
