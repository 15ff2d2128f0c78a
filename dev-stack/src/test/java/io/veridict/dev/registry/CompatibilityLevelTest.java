package io.veridict.dev.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    @Test
    void shouldParseLevelNamesIgnoringCase() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("Backward")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(CompatibilityLevel.parse("NONE")).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void shouldRejectUnknownOrMissingLevelWith42203() {
        for (String name : new String[] {"SIDEWAYS", "", null, " FULL", "FULL ", "FULL\n", "full_trans\u0131tive", "FULL_"}) {
            assertThatThrownBy(() -> CompatibilityLevel.parse(name))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.errorCode()).isEqualTo(42203);
                        assertThat(e.getMessage()).startsWith("Invalid compatibility level");
                    });
        }
    }

    @Test
    void shouldDefaultToBackwardLikeConfluent() {
        assertThat(CompatibilityLevel.DEFAULT).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(new RegistryState().globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldDescribeDirectionAndTransitivityOfEachLevel() {
        assertThat(CompatibilityLevel.FULL.backward()).isTrue();
        assertThat(CompatibilityLevel.FULL.forward()).isTrue();
        assertThat(CompatibilityLevel.FULL.transitive()).isFalse();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.backward()).isFalse();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.transitive()).isTrue();
        assertThat(CompatibilityLevel.NONE.backward() || CompatibilityLevel.NONE.forward()).isFalse();
    }
}
