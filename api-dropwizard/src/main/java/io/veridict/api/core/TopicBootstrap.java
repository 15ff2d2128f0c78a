package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicMismatch;
import io.veridict.streams.topics.TopicProvisioner;
import java.util.List;

/**
 * Creates Veridict's topics at start-up, before the topology starts (a missing source
 * topic would stop the Streams client), and keeps the mismatches it found for the
 * topics health check.
 */
public final class TopicBootstrap implements Managed {

    private final TopicProvisioner provisioner;
    private final LedgerTopics topics;
    private volatile List<TopicMismatch> mismatches = List.of();

    public TopicBootstrap(TopicProvisioner provisioner, LedgerTopics topics) {
        this.provisioner = provisioner;
        this.topics = topics;
    }

    @Override
    public void start() {
        mismatches = List.copyOf(provisioner.ensure(topics.all()));
    }

    /** Compares the topics with their specs again. */
    public List<TopicMismatch> recheck() {
        mismatches = List.copyOf(provisioner.compare(topics.all()));
        return mismatches;
    }

    public List<TopicMismatch> mismatches() {
        return mismatches;
    }
}
