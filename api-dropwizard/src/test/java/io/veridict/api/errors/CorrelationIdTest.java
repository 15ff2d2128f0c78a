package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh", "0f8fad5b-d9cb-469f-a165-70867728950e", "req:2024.06_01-a", "A1234567"})
    void shouldKeepAWellFormedClientId(String id) {
        assertThat(CorrelationId.accept(id)).isEqualTo(id);
    }

    @Test
    void shouldKeepAnIdOfExactly128Characters() {
        String id = "a".repeat(128);

        assertThat(CorrelationId.accept(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abcdefg", "-abcdefgh", ".abcdefgh", "abc defgh", "abcdefgh\n", "abcdéfghi", "abc/defgh",
        "a,bcdefghi", "<script>x</script>"})
    void shouldReplaceAMissingOrMalformedIdWithARandomUuid(String id) {
        String accepted = CorrelationId.accept(id);

        assertThat(accepted).isNotEqualTo(id);
        assertThat(UUID.fromString(accepted).version()).isEqualTo(4);
    }

    @Test
    void shouldReplaceAnIdLongerThan128Characters() {
        assertThat(CorrelationId.accept("a".repeat(129))).hasSize(36);
    }

    @Test
    void shouldGenerateADifferentIdEachTime() {
        assertThat(CorrelationId.generate()).isNotEqualTo(CorrelationId.generate());
    }
}
