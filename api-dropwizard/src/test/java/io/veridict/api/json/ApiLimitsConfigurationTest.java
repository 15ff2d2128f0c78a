package io.veridict.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.veridict.api.core.ApiLimitsFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The readers {@link ApiLimitsFactory} builds, from defaults and from YAML. (It lives with the
 * reader's tests: the factory is only the configuration of {@link StrictJsonReader}.)
 */
class ApiLimitsConfigurationTest {

    private final Validator validator = Validators.newValidator();

    @Test
    void shouldDefaultToTheDocumentedLimits() {
        ApiLimitsFactory limits = new ApiLimitsFactory();

        assertThat(limits.build().limits()).isEqualTo(new JsonLimits(1024 * 1024, 32, 5000, 64 * 1024));
        assertThat(limits.getMaxBatchSize()).isEqualTo(500);
        assertThat(limits.getMaxBatchBodyBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(validator.validate(limits)).isEmpty();
    }

    @Test
    void shouldGiveTheBatchReaderRoomForTheEnvelopeAndEveryItem() {
        JsonLimits batch = new ApiLimitsFactory().buildBatch().limits();

        assertThat(batch).isEqualTo(new JsonLimits(16 * 1024 * 1024, 34, 5000 * 500 + 1, 64 * 1024));
    }

    @Test
    void shouldReadTheLimitsFromYaml() throws Exception {
        String yaml = "maxBodyBytes: 2048\nmaxJsonDepth: 8\nmaxJsonFields: 100\nmaxStringBytes: 1024\n"
                + "maxBatchSize: 10\nmaxBatchBodyBytes: 20480\n";

        ApiLimitsFactory limits = new YamlConfigurationFactory<>(ApiLimitsFactory.class, validator,
                Jackson.newObjectMapper(), "dw").build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "limits.yml");

        assertThat(limits.build().limits()).isEqualTo(new JsonLimits(2048, 8, 100, 1024));
        assertThat(limits.buildBatch().limits()).isEqualTo(new JsonLimits(20480, 10, 1001, 1024));
    }

    @Test
    void shouldRefuseInconsistentLimits() {
        ApiLimitsFactory limits = new ApiLimitsFactory();
        limits.setMaxBodyBytes(4096);
        limits.setMaxStringBytes(8192);
        limits.setMaxBatchBodyBytes(2048);
        limits.setMaxBatchSize(0);

        Set<ConstraintViolation<ApiLimitsFactory>> violations = validator.validate(limits);

        assertThat(violations).extracting(ConstraintViolation::getMessage).containsExactlyInAnyOrder(
                "maxStringBytes must not exceed maxBodyBytes",
                "maxBatchBodyBytes must be at least maxBodyBytes",
                "must be greater than or equal to 1");
    }
}
