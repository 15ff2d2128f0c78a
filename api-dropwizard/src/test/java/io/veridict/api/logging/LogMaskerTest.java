package io.veridict.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "contact alice@example.com now              | contact a***@example.com now",
        "to=Bob.Smith+audit@mail.example.co.uk;     | to=B***@mail.example.co.uk;",
        "GET /v1/x?email=alice%40example.com HTTP   | GET /v1/x?email=a***%40example.com HTTP",
        "'{\"email\":\"carol@example.org\"}'        | '{\"email\":\"c***@example.org\"}'",
    })
    void shouldMaskEmailAddresses(String line, String masked) {
        assertThat(LogMasker.mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call +44 20 7946 0958 today               | call *** today",
        "call +1-415-555-0100 today                | call *** today",
        "call +1 (415) 555-0100 today              | call *** today",
        "call +44 (0)20 7946 0958 today            | call *** today",
        "call +14155550100 today                   | call *** today",
        "call +33 1 23 45 67 89 today              | call *** today",
        "call (415) 555-0100 today                 | call *** today",
        "call 415-555-0100 today                   | call *** today",
        "call 415.555.0100.                        | call ***.",
        "call 1-415-555-0100 today                 | call *** today",
        "call 020 7946 0958 today                  | call *** today",
        "call 07700 900123 today                   | call *** today",
        "call 030-12345678 today                   | call *** today",
        "call 01 23 45 67 89 today                 | call *** today",
        "'{\"phone\":\"+49 30 1234567\"}'          | '{\"phone\":\"***\"}'",
        "GET /v1/x?phone=%2B44%2020%207946%200958  | GET /v1/x?phone=***",
        "GET /v1/x?phone=+44+20+7946+0958&a=1      | GET /v1/x?phone=***&a=1",
    })
    void shouldMaskTelephoneNumbers(String line, String masked) {
        assertThat(LogMasker.mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization: Bearer vdk_k1_s3cr3tS3cr3t           | Authorization: ***",
        "authorization=Basic dXNlcjpwYXNz, next               | authorization=***, next",
        "headers {Authorization=[Bearer abc.def-ghi]}         | headers {Authorization=[***]}",
        "'\"authorization\": \"Bearer abc\"'                  | '\"authorization\": \"***\"'",
        "Proxy-Authorization: Negotiate YIIabc                | Proxy-Authorization: ***",
        "token was bearer eyJhbGciOi.eyJzdWIi.sig ok          | token was bearer *** ok",
        "key vdk_9f8e7d_AbCdEf012345_x9 rejected              | key vdk_9f8e7d_*** rejected",
        "operator vdo_ops1_Zz99_yy rejected                   | operator vdo_ops1_*** rejected",
        "key=vdk_onlyonepart                                  | key=vdk_***",
        "'\"vdk_k2_secret\"'                                  | '\"vdk_k2_***\"'",
    })
    void shouldMaskCredentials(String line, String masked) {
        assertThat(LogMasker.mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INFO  [2026-03-01 12:34:56,789] [3f2b8c1e-9a4d-4b7e-8c21-0d5e6f7a8b9c] io.veridict.api.X: done",
        "recorded at 2026-03-01T12:34:56.789Z and 2026-03-01T12:34:56+01:00",
        "dates 2026-03-01 01.03.2026 01/03/2026 20260301, at 01.03.2026 12:00 and 01.03.2026 0900",
        "127.0.0.1 - - [01/Mar/2026:12:34:56 +0000] \"GET /v1/audit/entries?from_seq=0&limit=50 HTTP/1.1\" 200 1234 \"-\" \"Java-http-client/17.0.2\" 15",
        "tenant acme seq 4155550100 offset 12345678901 epoch 1772368496789",
        "Unreadable record: topic=veridict.commands partition=2 offset=4155550100",
        "entry 123e4567-e89b-12d3-a456-426614174000 committed",
        "chain_hash 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "leaf 0123456789abcdef0123456789abcdef and 0000 1111",
        "Kafka on localhost:9092, API on 127.0.0.1:8080, admin on [::1]:8090",
        "broker 192.168.100.200:9093 and 10.0.0.1",
        "version 1.2.3 and 0.10.2.1, took 1500 ms (PT1.5S), +3 retries",
        "Created topic veridict.commands (6 partitions, replication factor 3, {min.insync.replicas=2})",
        "at io.veridict.api.errors.ApiExceptionMapper.toResponse(ApiExceptionMapper.java:38)",
        "Object@1a2b3c4d and a+b=c and id-2026-0301-0001",
    })
    void shouldLeaveOtherNumbersAndIdentifiersAlone(String line) {
        assertThat(LogMasker.mask(line)).isEqualTo(line);
    }
}
