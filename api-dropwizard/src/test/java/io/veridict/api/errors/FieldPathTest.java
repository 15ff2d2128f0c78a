package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void shouldJoinMembersWithDotsAndIndexesWithBrackets() {
        String path = FieldPath.member(FieldPath.index(FieldPath.member(FieldPath.ROOT, "violations"), 2), "severity");

        assertThat(path).isEqualTo("violations[2].severity");
    }

    @Test
    void shouldQuoteMemberNamesThatAreNotIdentifiers() {
        assertThat(FieldPath.member("context", "user.id")).isEqualTo("context[\"user.id\"]");
        assertThat(FieldPath.member(FieldPath.ROOT, "a \"b\"")).isEqualTo("[\"a \\\"b\\\"\"]");
        assertThat(FieldPath.member("x", "")).isEqualTo("x[\"\"]");
    }

    @Test
    void shouldNameThePositionOfAParser() throws IOException {
        try (JsonParser parser = new JsonFactory().createParser("{\"a\":{\"b\":[0,{\"c\":true}]}}")) {
            while (parser.nextToken() != JsonToken.VALUE_TRUE) {
                // advance to the innermost value
            }

            assertThat(FieldPath.of(parser.getParsingContext())).isEqualTo("a.b[1].c");
        }
    }

    @Test
    void shouldNameTheRootAsTheEmptyPath() throws IOException {
        try (JsonParser parser = new JsonFactory().createParser("{}")) {
            parser.nextToken();

            assertThat(FieldPath.of(parser.getParsingContext())).isEqualTo(FieldPath.ROOT);
        }
    }
}
