package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class FieldProblemsTest {

    @Test
    void shouldNotThrowWithoutProblems() {
        assertThatCode(() -> new FieldProblems().throwIfAny(ErrorCode.INVALID_REQUEST, "the request"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldListEveryProblemInOrder() {
        FieldProblems problems = new FieldProblems();
        problems.add("a", "is required");
        problems.add("b[0]", "must be a string, not a number");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the request"));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("the request has 2 problems");
        assertThat(e.details()).containsExactly(FieldProblem.of("a", "is required"),
                FieldProblem.of("b[0]", "must be a string, not a number"));
    }

    @Test
    void shouldListAtMostOneHundredProblemsAndSayHowManyThereWere() {
        FieldProblems problems = new FieldProblems();
        for (int i = 0; i < 250; i++) {
            problems.add("violations[" + i + "]", "is wrong");
        }

        ApiException e = problems.toException(ErrorCode.INVALID_REQUEST, "the batch");

        assertThat(e.details()).hasSize(FieldProblems.MAX_DETAILS);
        assertThat(e.details().get(99).field()).isEqualTo("violations[99]");
        assertThat(e.getMessage()).isEqualTo("the batch has 250 problems (the first 100 are listed)");
    }
}
