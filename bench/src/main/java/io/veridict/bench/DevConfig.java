package io.veridict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.veridict.api.core.StreamsFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The Streams settings {@code veridict dev} runs with, read from its bundled configuration, so
 * that the benchmark compares like with like; {@link StreamsFactory}'s defaults where the file
 * sets nothing. Only literal values are read ({@code ${...}} placeholders are not substituted).
 *
 * @param commitInterval {@code streams.commitInterval}
 * @param applicationId  {@code streams.applicationId}: the service's consumer group
 */
public record DevConfig(Duration commitInterval, String applicationId) {

    /**
     * @param resource the dev configuration on the classpath, e.g. {@code veridict-dev.yml}
     * @throws IllegalStateException when the resource is missing or a value is malformed
     */
    public static DevConfig read(String resource) {
        try (InputStream in = DevConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath");
            }
            JsonNode streams = new ObjectMapper(new YAMLFactory()).readTree(in).path("streams");
            StreamsFactory defaults = new StreamsFactory();
            JsonNode interval = streams.path("commitInterval");
            JsonNode id = streams.path("applicationId");
            return new DevConfig(interval.isTextual() ? BenchOptions.parseDuration(interval.asText())
                    : Duration.ofMillis(defaults.getCommitInterval().toMilliseconds()),
                    id.isTextual() ? id.asText() : defaults.getApplicationId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(resource + ": streams.commitInterval: " + e.getMessage(), e);
        }
    }
}
