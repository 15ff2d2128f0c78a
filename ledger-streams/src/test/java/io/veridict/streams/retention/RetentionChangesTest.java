package io.veridict.streams.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionChangesTest {

    private static final RetentionPolicy NONE = new RetentionPolicy(List.of());

    @Test
    void shouldFallBackFromALabelToItsTypeAndThenToForever() {
        RetentionPolicy policy = policy(rule(null, 100L), rule("marketing", 10L));

        assertThat(RetentionRules.effective(policy, "DECISION", "marketing")).isEqualTo(10L);
        assertThat(RetentionRules.effective(policy, "DECISION", "billing")).isEqualTo(100L);
        assertThat(RetentionRules.effective(policy, "DECISION", null)).isEqualTo(100L);
        assertThat(RetentionRules.effective(policy, "KEY_OPERATION", null)).isNull();
        assertThat(RetentionRules.effective(policy(rule("marketing", 10L)), "DECISION", null)).isNull();
    }

    @Test
    void shouldCallAChangeShorteningWhenAnyTypeOrLabelLosesTime() {
        RetentionPolicy year = policy(rule(null, 365L));
        assertThat(RetentionRules.shortensAnything(NONE, year)).as("forever to a year").isTrue();
        assertThat(RetentionRules.shortensAnything(year, NONE)).as("a year to forever").isFalse();
        assertThat(RetentionRules.shortensAnything(year, policy(rule(null, 730L)))).isFalse();
        assertThat(RetentionRules.shortensAnything(year, policy(rule(null, 364L)))).isTrue();
        assertThat(RetentionRules.shortensAnything(year, policy(rule(null, 365L), rule("marketing", 90L))))
                .as("a new label shorter than its type's rule").isTrue();
        assertThat(RetentionRules.shortensAnything(policy(rule(null, 365L), rule("marketing", 90L)), year))
                .as("dropping a shorter label rule lengthens it").isFalse();
        assertThat(RetentionRules.shortensAnything(policy(rule("marketing", 90L)), policy(rule(null, 30L))))
                .as("a type rule shortens every label without its own").isTrue();
    }

    private static RetentionPolicy policy(RetentionRule... rules) {
        return new RetentionPolicy(List.of(rules));
    }

    private static RetentionRule rule(String label, Long seconds) {
        return new RetentionRule("DECISION", label, seconds);
    }
}
