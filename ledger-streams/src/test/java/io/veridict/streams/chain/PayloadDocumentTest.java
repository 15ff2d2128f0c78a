package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.KeyOperationType;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.TenantOperationType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payloads the chain processor builds are byte for byte those of the committed test vectors
 * (chain {@code tenant-onboarding} of {@code docs/test-vectors/chains.json}), so the vectors show
 * what the service writes, not only what the format library accepts.
 */
class PayloadDocumentTest {

    private static final String ADMIN_KEY = "mzq4xk7ta2wnr5hb";
    private static final List<String> ADMIN_SCOPES = List.of("decisions:record", "decisions:read",
            "decisions:evaluate", "audit:read", "audit:verify", "keys:manage", "tenant:admin");

    @Test
    void shouldBuildTheTenantOperationPayloadOfTheVectors() throws IOException {
        TenantOperation created = new TenantOperation(TenantOperationType.CREATED, "Initech GmbH", null);
        TenantOperation suspended = new TenantOperation(TenantOperationType.SUSPENDED, "Initech GmbH",
                "invoice 2025-06 unpaid");

        assertThat(text(PayloadDocument.tenantOperation(created))).isEqualTo(vectorPayload(0));
        assertThat(text(PayloadDocument.tenantOperation(suspended))).isEqualTo(vectorPayload(4));
    }

    @Test
    void shouldLeaveTheSecretHmacOutOfTheKeyOperationPayload() throws IOException {
        byte[] hmac = new byte[32];
        hmac[0] = 0x5a;
        KeyOperation created = new KeyOperation(KeyOperationType.CREATED, ADMIN_KEY, ADMIN_SCOPES, null, null,
                ByteBuffer.wrap(hmac), null);

        String payload = text(PayloadDocument.keyOperation(created));

        assertThat(payload).isEqualTo(vectorPayload(1)).doesNotContain("hmac").doesNotContain("secret");
    }

    private static String vectorPayload(int seq) throws IOException {
        JsonNode chains = new ObjectMapper().readTree(Files.readString(vectors().resolve("chains.json"),
                StandardCharsets.UTF_8)).get("chains");
        for (JsonNode chain : chains) {
            if (chain.get("name").textValue().equals("tenant-onboarding")) {
                return chain.get("entries").get(seq).get("payload").textValue();
            }
        }
        throw new AssertionError("chains.json has no chain tenant-onboarding");
    }

    private static Path vectors() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no docs/test-vectors above " + Path.of("").toAbsolutePath());
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
