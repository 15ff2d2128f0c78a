package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.streams.RefusalCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `([A-Z_]+)` \\| (receipt|dead letter) \\| `([A-Z_]+)` \\((\\d{3})\\) \\| (.+) \\|$");

    @Test
    void shouldListEveryRefusalInTheErrorCatalogueAsTheCodeMapsIt() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("../docs/api-errors.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            RefusalCode code = RefusalCode.valueOf(row.group(1));
            ErrorCode error = Refusals.errorCode(code);
            assertThat(row.group(2)).as(code.name()).isEqualTo(code.where() == RefusalCode.Where.RECEIPT ? "receipt" : "dead letter");
            assertThat(row.group(3)).as(code.name()).isEqualTo(error.name());
            assertThat(Integer.parseInt(row.group(4))).as(code.name()).isEqualTo(error.status());
            assertThat(row.group(5).replace("10,000", "10000")).as(code.name())
                    .isEqualToIgnoringCase(code.meaning() + ".");
            documented.add(code.name());
        }
        assertThat(documented).containsExactly(names(RefusalCode.values()));
    }

    @Test
    void shouldAnswerEveryRefusalAsAClientError() {
        for (RefusalCode code : RefusalCode.values()) {
            ApiException error = Refusals.of(code.name());
            assertThat(error.code()).isEqualTo(Refusals.errorCode(code).name());
            assertThat(error.status()).as(code.name()).isBetween(400, 499);
            assertThat(error.getMessage()).isEqualTo(code.meaning());
        }
    }

    @Test
    void shouldAnswerAnUnknownOrMissingCodeAsAnInvalidRequest() {
        assertThat(Refusals.of("SOMETHING_NEWER").code()).isEqualTo(ErrorCode.INVALID_REQUEST.name());
        assertThat(Refusals.of((String) null).code()).isEqualTo(ErrorCode.INVALID_REQUEST.name());
    }

    @Test
    void shouldGiveReceiptCodesTheirOwnErrorWhereTheApiCanMeetThem() {
        assertThat(Refusals.errorCode(RefusalCode.DECISION_ID_TAKEN)).isEqualTo(ErrorCode.DECISION_ID_TAKEN);
        assertThat(Refusals.errorCode(RefusalCode.KEY_NOT_FOUND)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(Refusals.errorCode(RefusalCode.TENANT_DELETED)).isEqualTo(ErrorCode.TENANT_DELETED);
        assertThat(Refusals.errorCode(RefusalCode.ERASURE_TOO_LARGE)).isEqualTo(ErrorCode.ERASURE_TOO_LARGE);
    }

    private static String[] names(RefusalCode[] codes) {
        String[] names = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            names[i] = codes[i].name();
        }
        return names;
    }
}
