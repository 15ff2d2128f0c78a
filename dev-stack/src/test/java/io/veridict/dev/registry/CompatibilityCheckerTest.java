package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static io.veridict.dev.registry.Fixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    @Test
    void shouldAcceptAddedFieldWithDefaultUnderBackward() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD,
                avro("user-v2-email-with-default.avsc"), history("users", "user-v1.avsc"))).isEmpty();
    }

    @Test
    void shouldRejectAddedFieldWithoutDefaultUnderBackwardAndSayWhy() {
        List<String> problems = CompatibilityChecker.check(CompatibilityLevel.BACKWARD,
                avro("user-v2-email-without-default.avsc"), history("users", "user-v1.avsc"));

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0))
                .contains("errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("The new schema cannot read data written with the old schema at path '/fields/2'")
                .contains("additionalInfo:'email'");
        assertThat(problems.subList(1, 4)).containsExactly(
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + avro("user-v1.avsc") + "'}",
                "{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldRejectRemovedFieldWithoutDefaultUnderForwardButNotUnderBackward() {
        Schema withoutName = avro("user-without-name.avsc");
        List<SubjectVersion> v1 = history("users", "user-v1.avsc");

        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, withoutName, v1)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, withoutName, v1)).first().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("The old schema cannot read data written with the new schema");
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, withoutName, v1)).isNotEmpty();
    }

    @Test
    void shouldCompareWithTheLatestVersionOnlyUnlessTransitive() {
        // v2 has the email field, v1 does not; the candidate requires email without a default:
        // it reads v2's data but not v1's.
        List<SubjectVersion> twoVersions = history("users", "user-v1.avsc", "user-v2-email-empty-default.avsc");
        Schema requiresEmail = avro("user-v2-email-without-default.avsc");

        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, requiresEmail, twoVersions)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, requiresEmail, twoVersions))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
    }

    @Test
    void shouldAcceptAnythingUnderNoneAndAnythingAsAFirstVersion() {
        Schema unrelated = avro("order-v1.avsc");

        assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, unrelated, history("users", "user-v1.avsc"))).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, unrelated, List.of())).isEmpty();
    }
}
