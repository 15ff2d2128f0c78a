package io.veridict.dev.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject-name rule on its own, character class by character class. */
class SubjectNameTest {

    @Test
    void shouldAdmitEveryAllowedCharacterAndNothingElseInTheAsciiRange() {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

        assertThat(SubjectName.problem(allowed)).isEmpty();
        for (char c = 0; c < 0x100; c++) {
            boolean isAllowed = allowed.indexOf(c) >= 0;
            assertThat(SubjectName.problem("a" + c + "b").isEmpty()).as("U+%04X", (int) c).isEqualTo(isAllowed);
        }
    }

    @Test
    void shouldRefuseSubjectWithDotSegmentsButAdmitDotsInsideAName() {
        assertThat(SubjectName.problem(".")).contains("'.' and '..' are not subject names");
        assertThat(SubjectName.problem("..")).contains("'.' and '..' are not subject names");
        for (String subject : List.of("...", ".a", "a.", "a..b", "..a", "_..")) {
            assertThat(SubjectName.problem(subject)).as(subject).isEmpty();
        }
    }

    @Test
    void shouldRefuseEmptyAndNullSubjects() {
        assertThat(SubjectName.problem("")).contains("it is empty");
        assertThat(SubjectName.problem(null)).contains("it is empty");
    }

    @Test
    void shouldBoundTheLengthAt512Characters() {
        assertThat(SubjectName.MAX_LENGTH).isEqualTo(512);
        assertThat(SubjectName.problem("a".repeat(512))).isEmpty();
        assertThat(SubjectName.problem("a".repeat(513))).contains("it has 513 characters, more than 512");
    }

    @Test
    void shouldRefuseReservedNamesExactlyAsSpelled() {
        assertThat(SubjectName.problem("__GLOBAL")).contains("the name is reserved");
        assertThat(SubjectName.problem("__EMPTY")).contains("the name is reserved");
        assertThat(SubjectName.problem("__global")).isEmpty();
        assertThat(SubjectName.problem("__GLOBAL-value")).isEmpty();
    }

    @Test
    void shouldRefuseSurrogatesAndOtherNonAsciiText() {
        assertThat(SubjectName.problem("users-\uD83D\uDE00")).contains(
                "it contains U+D83D; only ASCII letters, digits, '.', '_' and '-' are allowed");
        assertThat(SubjectName.problem("users\u2215value")).contains(
                "it contains U+2215; only ASCII letters, digits, '.', '_' and '-' are allowed");
        assertThat(SubjectName.problem("users\uFF0Evalue")).isPresent();
    }

    @Test
    void shouldThrow42208WithAShortenedNameForLongSubjects() {
        String emoji = "\uD83D\uDE00";

        assertThatThrownBy(() -> SubjectName.require(emoji.repeat(300)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42208);
                    assertThat(e.getMessage()).isEqualTo("The specified subject '" + emoji.repeat(64)
                            + "...' is not valid: it has 600 characters, more than 512");
                });
        assertThat(SubjectName.require("users-value")).isEqualTo("users-value");
    }
}
