package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.PayloadAccounting;
import io.veridict.schemas.format.ChainVerifier;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.FileLine;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** Reports with every kind of finding, for the renderers' tests. */
final class ReportFixtures {

    static final String CHAIN_HASH = "6de41c37182af67c9813f65185294cdcf7347cb1c34f6cde7ffd7117cf9b16ad";
    static final String EXPECTED = "105a6c1f0fcac007c8779667069009ef8c7c44ba8691786d95a61b24fe8073c7";
    static final String ACTUAL = "dd5baf495587cdafd0d5adbc73e9446d5bd81c522d37482f87b59a622b428d66";

    private ReportFixtures() {
    }

    /** acme verified (3 entries, 1 erased by the run of seq 2); globex failed at seq 2; an unattributed bad record; an orphan. */
    static ReplayReport failed() {
        ChainHead acme = head("acme", 3);
        ChainHead globex = new ChainHead("globex", 2, HexFormat.of().parseHex(CHAIN_HASH), null);
        return new ReplayReport("kafka localhost:9092 veridict.entries, veridict.payloads", 7,
                List.of(new TenantResult("acme", 3, 1, 0, acme, true, new PayloadAccounting.Result(
                                List.of(new PayloadAccounting.Erasure(2, "RETENTION_APPLIED", 1)), 0, -1, -1)),
                        new TenantResult("globex", 2, 0, 0, globex, false)),
                List.of(new AuditFailure(Kind.PAYLOAD_HASH_MISMATCH, "globex", 2L, new KafkaRecord("veridict.payloads", 1, 41),
                                EXPECTED, ACTUAL, "SHA-256 of the payload differs"),
                        new AuditFailure(Kind.UNREADABLE_RECORD, null, null, new KafkaRecord("veridict.entries", 2, 9),
                                null, null, "entry record that cannot be decoded, nor can its key")),
                List.of(new OrphanPayload("acme", 3, new KafkaRecord("veridict.payloads", 0, 12), ACTUAL, "no entry")),
                Duration.ofMillis(500));
    }

    /** One tenant from a file, verified. */
    static ReplayReport verifiedFile() {
        return new ReplayReport("file export.ndjson", 3, List.of(new TenantResult("acme", 3, 0, 0, head("acme", 3), true)),
                List.of(), List.of(), Duration.ofMillis(2));
    }

    /** A file whose line 5 breaks the format. */
    static ReplayReport malformedFile() {
        return new ReplayReport("file export.ndjson", 3, List.of(new TenantResult("acme", 3, 0, 0, head("acme", 3), false)),
                List.of(new AuditFailure(Kind.MALFORMED_EXPORT, "acme", null, new FileLine("export.ndjson", 5), null, null,
                        "the file ends after 3 entries without the end line: it is truncated")),
                List.of(), Duration.ofMillis(2));
    }

    static ChainHead head(String tenant, int size) {
        ChainVerifier verifier = ChainVerifier.fromGenesis(tenant);
        TestChains.chain(tenant, size).forEach(l -> verifier.accept(l.header(), l.payload(), l.salt(), ChainVerifier.UNKNOWN_POSITION));
        return verifier.finish().head();
    }
}
