package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.format.PayloadAccounting.Erasure;
import io.veridict.schemas.format.PayloadAccounting.ErasureRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadAccountingTest {

    private static byte[] record(String operation, String ranges) {
        return ("{\"erased\":1,\"held\":0,\"kind\":\"retention_operation\",\"operation\":\"" + operation
                + "\",\"ranges\":" + ranges + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachAbsentPayloadIsCountedForTheFirstRecordNamingIt() {
        PayloadAccounting accounting = new PayloadAccounting();
        for (long seq : new long[] {1, 2, 3, 7, 8, 20}) {
            accounting.absent(seq, seq * 10);
        }
        accounting.present("RETENTION_OPERATION", 10, record("RETENTION_APPLIED", "[[1,3],[7,7]]"));
        accounting.present("RETENTION_OPERATION", 30, record("ERASURE_APPLIED", "[[2,2],[7,8],[20,20]]"));

        PayloadAccounting.Result result = accounting.finish();

        assertThat(result.erasures()).containsExactly(new Erasure(10, "RETENTION_APPLIED", 4),
                new Erasure(30, "ERASURE_APPLIED", 2));
        assertThat(result.unaccounted()).isZero();
        assertThat(result.accounted()).isEqualTo(6);
        assertThat(result.firstUnaccountedSeq()).isEqualTo(-1);
    }

    @Test
    void anAbsentPayloadNoRecordNamesIsUnaccountedWithThePositionOfItsRun() {
        PayloadAccounting accounting = new PayloadAccounting();
        for (long seq = 4; seq <= 9; seq++) {
            accounting.absent(seq, 100 + seq);
        }
        accounting.present("RETENTION_OPERATION", 12, record("RETENTION_APPLIED", "[[4,5],[9,9]]"));

        PayloadAccounting.Result result = accounting.finish();

        assertThat(result.accounted()).isEqualTo(3);
        assertThat(result.unaccounted()).isEqualTo(3);
        assertThat(result.firstUnaccountedSeq()).isEqualTo(6);
        assertThat(result.firstUnaccountedPosition()).isEqualTo(106);
    }

    @Test
    void entriesSharingAPositionKeepItForEachOfTheirSeqs() {
        PayloadAccounting accounting = new PayloadAccounting();
        accounting.absent(0, 40);
        accounting.absent(1, 40);
        accounting.absent(2, 40);
        accounting.absent(3, 41); // the next record: a new run
        accounting.present("RETENTION_OPERATION", 9, record("RETENTION_APPLIED", "[[0,0]]"));

        PayloadAccounting.Result result = accounting.finish();

        assertThat(result.firstUnaccountedSeq()).isEqualTo(1);
        assertThat(result.firstUnaccountedPosition()).isEqualTo(40);
        assertThat(result.unaccounted()).isEqualTo(3);
    }

    @Test
    void onlyErasureRecordsOfTheRetentionEntryTypeCount() {
        PayloadAccounting accounting = new PayloadAccounting();
        accounting.absent(0, 0);
        accounting.present("DECISION", 1, record("RETENTION_APPLIED", "[[0,0]]"));
        accounting.present("RETENTION_OPERATION", 2, record("POLICY_SET", "[[0,0]]"));
        accounting.present("RETENTION_OPERATION", 3, "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(accounting.finish().unaccounted()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[5,5]]", "[[4,6]]", "[[3,2]]", "[[-1,0]]", "[[1,2],[2,3]]", "[[3,3],[1,1]]", "[[1]]",
            "[1,2]", "[[1,\"2\"]]", "null", "{}", "[[1.5,2]]"})
    void anErasureRecordWhoseRangesBreakTheRulesNamesNothing(String ranges) {
        assertThat(ErasureRecord.parseOrNull(5, record("RETENTION_APPLIED", ranges))).isNull();
    }

    @Test
    void anEmptyOrWellFormedRangesListIsAnErasureRecord() {
        assertThat(ErasureRecord.parseOrNull(5, record("TENANT_DELETED", "[]")).ranges()).isEmpty();
        assertThat(ErasureRecord.parseOrNull(5, record("TENANT_DELETED", "[[0,1],[3,4]]")).ranges())
                .containsExactly(new long[] {0, 1}, new long[] {3, 4});
    }

    @Test
    void overlappingRecordsCountEachPayloadOnce() {
        PayloadAccounting accounting = new PayloadAccounting();
        for (long seq = 0; seq < 10; seq++) {
            accounting.absent(seq, seq);
        }
        accounting.present("RETENTION_OPERATION", 10, record("RETENTION_APPLIED", "[[2,5]]"));
        accounting.present("RETENTION_OPERATION", 11, record("TENANT_DELETED", "[[0,9]]"));

        PayloadAccounting.Result result = accounting.finish();

        assertThat(result.erasures()).containsExactly(new Erasure(10, "RETENTION_APPLIED", 4),
                new Erasure(11, "TENANT_DELETED", 6));
        assertThat(result.unaccounted()).isZero();
    }
}
