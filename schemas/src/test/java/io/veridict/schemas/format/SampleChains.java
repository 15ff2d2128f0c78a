package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample chains behind the unit tests and {@code docs/test-vectors/}: fixed values, so the
 * vectors are reproducible. Payload JSON is canonicalised with {@link CanonicalJson}.
 */
final class SampleChains {

    static final long T0 = 1_750_000_000_000L; // 2025-06-15T15:06:40Z

    private static final String SINGLE_DECISION_PAYLOAD = """
            {"kind":"decision","decision_id":"loan-2025-0001",
             "context":{"applicant":"app-829","amount_eur":25000,"channel":"web"},
             "decision":{"outcome":"APPROVE","limit_eur":25000},
             "policy":{"id":"credit-limit","version":"7"},
             "violations":[],"metadata":null,"evidence":[]}""";

    private final String tenantId;
    private final List<ChainEntry> entries = new ArrayList<>();
    private byte[] prevChainHash;
    private int formatVersion = LedgerFormat.VERSION_1;

    private SampleChains(String tenantId) {
        this.tenantId = tenantId;
        this.prevChainHash = LedgerHashes.genesis(tenantId);
    }

    static SampleChains tenant(String tenantId) {
        return new SampleChains(tenantId);
    }

    /** Writes the entries appended from now on in {@code version} (1 until called). */
    SampleChains version(int version) {
        this.formatVersion = version;
        return this;
    }

    /**
     * The fixed salt of a version 2 sample entry: {@code H(str("sample salt") || str(tenant) ||
     * u64(seq))}. Any 32 bytes would do; a real writer draws them at random.
     */
    static byte[] sampleSalt(String tenantId, long seq) {
        return Sha256.hash(new HashInput().str("sample salt").str(tenantId).u64(seq).toByteArray());
    }

    /** Appends a sealed entry whose payload is the canonical form of {@code payloadJson}. */
    SampleChains append(String entryType, String entryId, long receivedAtMs, long recordedAtMs,
                        String actorKeyIdOrNull, String correlationId, String payloadJson) {
        String payload = new String(CanonicalJson.canonicalize(payloadJson), StandardCharsets.UTF_8);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] salt = LedgerFormat.isSalted(formatVersion) ? sampleSalt(tenantId, entries.size()) : null;
        byte[] payloadHash = LedgerHashes.payloadHash(formatVersion, bytes, salt);
        EntryHeader header = EntryHeader.seal(formatVersion, tenantId, entries.size(), entryId,
                entryType, receivedAtMs, recordedAtMs, actorKeyIdOrNull, correlationId, payloadHash, prevChainHash);
        entries.add(new ChainEntry(header, payload, salt, false));
        prevChainHash = header.chainHash();
        return this;
    }

    /** Marks the payload of one entry as erased by retention. */
    SampleChains erase(int seq) {
        entries.set(seq, entries.get(seq).erasedCopy());
        return this;
    }

    List<ChainEntry> entries() {
        return List.copyOf(entries);
    }

    /** One decision by tenant {@code acme}: the worked example of the spec (§11). */
    static List<ChainEntry> singleDecision() {
        return singleDecision(LedgerFormat.VERSION_1);
    }

    private static List<ChainEntry> singleDecision(int version) {
        return tenant("acme").version(version)
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000001", T0, T0 + 4, "key_live_7Hq2",
                        "req-5f0c", SINGLE_DECISION_PAYLOAD)
                .entries();
    }

    /**
     * Five entries of tenant {@code globex}: decisions, key operations, and (seq 4) the retention
     * run that erased the payload of seq 2.
     */
    static List<ChainEntry> mixedFive() {
        return tenant("globex")
                .append("KEY_OPERATION", "0197a3c1-7e00-7000-8000-000000000101", T0, T0 + 3, null,
                        "req-0001", """
                        {"kind":"key_operation","operation":"CREATED","key_id":"key_live_Zx81",
                         "scopes":["decisions:write","decisions:read"],
                         "expires_at":"2026-06-15T00:00:00.000Z","reason":"onboarding"}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000102", T0 + 1_000, T0 + 1_002,
                        "key_live_Zx81", "req-0002", """
                        {"kind":"decision","decision_id":"claim-77",
                         "context":{"claimant":"c-1029","claim_eur":1830.5,"region":"NL"},
                         "decision":"REFER",
                         "policy":{"id":"claims-triage","version":"2025-05","hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
                         "violations":[{"rule_id":"amount-over-1500","severity":"MEDIUM","message":"claim above auto-approve limit"}],
                         "metadata":{"model":"triage-v3","score":0.8125},
                         "evidence":[{"uri":"s3://globex-evidence/claim-77/photo-1.jpg",
                                      "sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                      "media_type":"image/jpeg"}]}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000103", T0 + 2_000, T0 + 2_001,
                        "key_live_Zx81", "req-0003", """
                        {"kind":"decision","decision_id":"claim-78",
                         "context":{"claimant":"c-2201","claimant_name":"Jana Nováková","claim_eur":220},
                         "decision":true,"policy":null,"violations":[],
                         "metadata":{"note":"erased by retention in the vectors"},"evidence":[]}""")
                .append("KEY_OPERATION", "0197a3c1-7e00-7000-8000-000000000104", T0 + 3_000, T0 + 3_004,
                        null, "req-0004", """
                        {"kind":"key_operation","operation":"REVOKED","key_id":"key_live_Zx81",
                         "scopes":[],"expires_at":null,"reason":"key leaked in a CI log"}""")
                .append("RETENTION_OPERATION", "0197a3c1-7e00-7000-8000-000000000105", T0 + 4_000, T0 + 4_000,
                        "key_live_Qm40", "req-0005", """
                        {"kind":"retention_operation","operation":"RETENTION_APPLIED","policy_version":3,"policy":null,
                         "proposal_id":null,"proposed_by":"compliance","decided_by":null,"approve_by":null,
                         "reason":null,"hold_id":null,"hold":null,"erased":1,"held":0,"ranges":[[2,2]]}""")
                .erase(2)
                .entries();
    }

    /** Two entries of a tenant whose id and payloads need more than ASCII. */
    static List<ChainEntry> unicodeTenant() {
        return tenant("zürich-ré-🦊")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000201", T0, T0 + 1, "clé-🔑",
                        "req-ü-1", """
                        {"kind":"decision","decision_id":"décision-1",
                         "context":{"ville":"Zürich","emoji":"🦊","€":1},
                         "decision":"OK","policy":null,"violations":[],"metadata":null,"evidence":[]}""")
                .append("KEY_OPERATION", "0197a3c1-7e00-7000-8000-000000000202", T0 + 10, T0 + 12, null,
                        "req-ü-2", """
                        {"kind":"key_operation","operation":"EXPIRED","key_id":"clé-🔑","scopes":["décisions:écrire"],
                         "expires_at":"2025-06-15T15:06:40.010Z","reason":null}""")
                .entries();
    }

    /**
     * Tenant {@code initech} as the API creates tenants: seq 0 the tenant's creation (by an
     * operator, so no actor key), seq 1 its first admin key, then two decisions made with that
     * key and a suspension.
     */
    static List<ChainEntry> tenantOnboarding() {
        return tenant("initech")
                .append("TENANT_OPERATION", "0197a3c1-7e00-7000-8000-000000000301", T0, T0 + 2, null,
                        "req-7a10", """
                        {"kind":"tenant_operation","operation":"CREATED","display_name":"Initech GmbH","reason":null}""")
                .append("KEY_OPERATION", "0197a3c1-7e00-7000-8000-000000000302", T0 + 5, T0 + 7, null,
                        "req-7a10", """
                        {"kind":"key_operation","operation":"CREATED","key_id":"mzq4xk7ta2wnr5hb",
                         "scopes":["decisions:record","decisions:read","decisions:evaluate","audit:read",
                                   "audit:verify","keys:manage","tenant:admin"],
                         "expires_at":null,"reason":null}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000303", T0 + 60_000, T0 + 60_003,
                        "mzq4xk7ta2wnr5hb", "req-7a11", """
                        {"kind":"decision","decision_id":"tps-2025-0001",
                         "context":{"employee":"e-0042","report":"TPS","cover_sheet":false},
                         "decision":{"outcome":"RETURN"},
                         "policy":{"id":"tps-cover-sheet","version":"1"},
                         "violations":[{"rule_id":"cover-sheet-missing","severity":"LOW","message":"no cover sheet"}],
                         "metadata":null,"evidence":[]}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000304", T0 + 61_000, T0 + 61_001,
                        "mzq4xk7ta2wnr5hb", "req-7a12", """
                        {"kind":"decision","decision_id":"tps-2025-0002",
                         "context":{"employee":"e-0042","report":"TPS","cover_sheet":true},
                         "decision":{"outcome":"ACCEPT"},
                         "policy":{"id":"tps-cover-sheet","version":"1"},
                         "violations":[],"metadata":null,"evidence":[]}""")
                .append("TENANT_OPERATION", "0197a3c1-7e00-7000-8000-000000000305", T0 + 120_000, T0 + 120_002,
                        null, "req-7a13", """
                        {"kind":"tenant_operation","operation":"SUSPENDED","display_name":"Initech GmbH",
                         "reason":"invoice 2025-06 unpaid"}""")
                .entries();
    }

    /** {@link #singleDecision()} written in format version 2: the same fields, a salted payload hash. */
    static List<ChainEntry> singleDecisionV2() {
        return singleDecision(LedgerFormat.VERSION_2);
    }

    /**
     * Tenant {@code hooli}, whose ledger was started by a version 1 writer and continued by a
     * version 2 writer: seqs 0-1 version 1, seqs 2-5 version 2; seq 3's payload is erased
     * (with its salt) on request, which seq 5 records.
     */
    static List<ChainEntry> upgradedLedger() {
        return tenant("hooli")
                .append("TENANT_OPERATION", "0197a3c1-7e00-7000-8000-000000000401", T0, T0 + 1, null,
                        "req-9b00", """
                        {"kind":"tenant_operation","operation":"CREATED","display_name":"Hooli XYZ","reason":null}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000402", T0 + 1_000, T0 + 1_003,
                        "key_live_Hq01", "req-9b01", """
                        {"kind":"decision","decision_id":"hire-0001",
                         "context":{"candidate":"cand-118","role":"engineer"},
                         "decision":{"outcome":"OFFER"},"policy":null,"violations":[],"metadata":null,"evidence":[]}""")
                .version(LedgerFormat.VERSION_2)
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000403", T0 + 2_000, T0 + 2_002,
                        "key_live_Hq01", "req-9b02", """
                        {"kind":"decision","decision_id":"hire-0002",
                         "context":{"candidate":"cand-119","role":"engineer"},
                         "decision":{"outcome":"REJECT"},"policy":null,"violations":[],"metadata":null,"evidence":[]}""")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000404", T0 + 3_000, T0 + 3_001,
                        "key_live_Hq01", "req-9b03", """
                        {"kind":"decision","decision_id":"hire-0003",
                         "context":{"candidate":"cand-120","candidate_name":"Erlich Bachman","role":"advisor"},
                         "decision":{"outcome":"REJECT"},"policy":null,"violations":[],
                         "metadata":{"note":"erased on request in the vectors"},"evidence":[]}""")
                .append("KEY_OPERATION", "0197a3c1-7e00-7000-8000-000000000405", T0 + 4_000, T0 + 4_004, null,
                        "req-9b04", """
                        {"kind":"key_operation","operation":"REVOKED","key_id":"key_live_Hq01",
                         "scopes":[],"expires_at":null,"reason":"rotation"}""")
                .append("RETENTION_OPERATION", "0197a3c1-7e00-7000-8000-000000000406", T0 + 5_000, T0 + 5_002,
                        "key_live_Hq02", "req-9b05", """
                        {"kind":"retention_operation","operation":"ERASURE_APPLIED","policy_version":0,"policy":null,
                         "proposal_id":"prop-0d1e","proposed_by":"privacy-office","decided_by":"legal","approve_by":null,
                         "reason":null,"hold_id":null,"hold":null,"erased":1,"held":0,"ranges":[[3,3]]}""")
                .erase(3)
                .entries();
    }

    /**
     * Tenant {@code umbrella}, version 2: a decision policy published and active (seq 0, its
     * document in the payload), a decision the ledger evaluated against it (seq 1), one recorded
     * over its evaluation with an override reason (seq 2), and the policy's retirement (seq 3).
     * The evaluations are the engine's (docs/policies.md §8): a third party can re-run them from
     * the published document and the contexts.
     */
    static List<ChainEntry> policyEvaluation() {
        String document = """
                {"policy_id":"credit-limit","version":"7","outcome":{"mode":"first_match","default":"APPROVE"},
                 "rules":[{"id":"amount-over-limit","severity":"HIGH","message":"amount over 50000 EUR",
                           "condition":"ctx.amount_eur > 50000","outcome":"DENY"},
                          {"id":"new-customer","severity":"MEDIUM","message":"customer for less than 30 days",
                           "condition":"ctx.customer_days < 30","outcome":"REVIEW"}]}""";
        String hash = "5d80508eeafc95c133af0f629b69ba344cc9e50d24322210e0adc28aef88d871";
        String engine = "veridict-policy/1 cel-java/0.14.0";
        return tenant("umbrella").version(LedgerFormat.VERSION_2)
                .append("POLICY_OPERATION", "0197a3c1-7e00-7000-8000-000000000501", T0, T0 + 2, "key_pol_U1", "req-5c00",
                        "{\"kind\":\"policy_operation\",\"operation\":\"POLICY_PUBLISHED\",\"policy_id\":\"credit-limit\","
                                + "\"version\":\"7\",\"policy_hash\":\"" + hash + "\",\"document\":" + document + ","
                                + "\"status\":\"ACTIVE\",\"superseded\":null,\"reason\":\"credit limits 2027\"}")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000502", T0 + 1_000, T0 + 1_002, "key_rec_U2", "req-5c01",
                        "{\"kind\":\"decision\",\"decision_id\":\"loan-77\",\"context\":{\"amount_eur\":25000,\"customer_days\":12},"
                                + "\"decision\":\"REVIEW\",\"policy\":{\"id\":\"credit-limit\",\"version\":\"7\",\"hash\":\"" + hash + "\"},"
                                + "\"violations\":[{\"rule_id\":\"new-customer\",\"severity\":\"MEDIUM\",\"message\":\"customer for less than 30 days\"}],"
                                + "\"metadata\":null,\"evidence\":[],\"evaluation\":{\"engine\":\"" + engine + "\",\"policy_hash\":\"" + hash + "\","
                                + "\"context_hash\":\"104119e03b8c1edb268753eed99a6267f6a3e547d4d10361d4181e523a6c2452\",\"outcome\":\"REVIEW\","
                                + "\"errors\":[],\"evaluation_hash\":\"efc65e0ef2e4ce87012df610e588727c3c9306bb6610534b6df933e8d23699ec\"}}")
                .append("DECISION", "0197a3c1-7e00-7000-8000-000000000503", T0 + 2_000, T0 + 2_001, "key_rec_U2", "req-5c02",
                        "{\"kind\":\"decision\",\"decision_id\":\"loan-78\",\"context\":{\"amount_eur\":60000,\"customer_days\":400},"
                                + "\"decision\":\"APPROVE\",\"policy\":{\"id\":\"credit-limit\",\"version\":\"7\",\"hash\":\"" + hash + "\"},"
                                + "\"violations\":[{\"rule_id\":\"amount-over-limit\",\"severity\":\"HIGH\",\"message\":\"amount over 50000 EUR\"}],"
                                + "\"metadata\":null,\"evidence\":[],\"evaluation\":{\"engine\":\"" + engine + "\",\"policy_hash\":\"" + hash + "\","
                                + "\"context_hash\":\"2d99058dac41764460a25982e19f060df67ae720396f8d5f227f4a7f88cc2014\",\"outcome\":\"DENY\","
                                + "\"errors\":[],\"evaluation_hash\":\"d661439afd46bb04488da7f01a962729e7ca0922038c33a2b2763059f8faae5c\"},"
                                + "\"override\":{\"reason\":\"credit committee 2027-01-14\"}}")
                .append("POLICY_OPERATION", "0197a3c1-7e00-7000-8000-000000000504", T0 + 3_000, T0 + 3_003, "key_pol_U1", "req-5c03",
                        "{\"kind\":\"policy_operation\",\"operation\":\"POLICY_RETIRED\",\"policy_id\":\"credit-limit\","
                                + "\"version\":\"7\",\"policy_hash\":\"" + hash + "\",\"document\":null,"
                                + "\"status\":\"RETIRED\",\"superseded\":null,\"reason\":\"replaced by 8\"}")
                .entries();
    }

    /** The leaf hashes of a chain, in order. */
    static List<byte[]> leafHashes(List<ChainEntry> chain) {
        return chain.stream().map(e -> e.header().leafHash()).toList();
    }
}
