package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.testing.ScriptedRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a record can fail to decode, each with its own exception and reason code. */
class ConfluentAvroDeserializerTest {

    private static final String TOPIC = "veridict.commands";

    private final ScriptedRegistry registry = ScriptedRegistry.start();
    private final SchemaRegistryClient client = new SchemaRegistryClient(
            SchemaRegistrySettings.forUrl(registry.url().toString())
                    .withRetries(0, Duration.ZERO, Duration.ZERO));
    private final ConfluentAvroDeserializer<LedgerCommand> commands =
            new ConfluentAvroDeserializer<>(client, LedgerCommand.class);

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private byte[] validCommand() {
        return AvroSerdes.forValue(client, LedgerCommand.class).serializer()
                .serialize(TOPIC, LedgerSamples.keyOperationCommand());
    }

    @Test
    void shouldRejectAnUnknownMagicByteWithoutAskingTheRegistry() {
        UnknownMagicByteException e = catchThrowableOfType(UnknownMagicByteException.class,
                () -> commands.deserialize(TOPIC, new byte[] {0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31}));

        assertThat(e).isInstanceOf(SerializationException.class);
        assertThat(e.reason()).isEqualTo("UNKNOWN_MAGIC_BYTE");
        assertThat(e.magicByte()).isEqualTo((byte) 0x7b);
        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.getMessage()).contains(TOPIC, "0x7b");
        assertThat(e.isRetriable()).isFalse();
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldRejectASchemaIdTheRegistryDoesNotKnow() {
        UnknownSchemaIdException e = catchThrowableOfType(UnknownSchemaIdException.class,
                () -> commands.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 2, 0}));

        assertThat(e.reason()).isEqualTo("UNKNOWN_SCHEMA_ID");
        assertThat(e.schemaId()).isEqualTo(99);
        assertThat(e.getMessage()).contains(TOPIC, "99");
        assertThat(registry.requests("GET", "/schemas/ids/99")).hasSize(1);
    }

    @Test
    void shouldRejectATruncatedBodyAsMalformed() {
        byte[] valid = validCommand();
        byte[] truncated = Arrays.copyOf(valid, valid.length - 5);

        MalformedPayloadException e = catchThrowableOfType(MalformedPayloadException.class,
                () -> commands.deserialize(TOPIC, truncated));

        assertThat(e.reason()).isEqualTo("MALFORMED_PAYLOAD");
        assertThat(e.getMessage()).contains(TOPIC, "does not decode");
    }

    @Test
    void shouldRejectRecordsShorterThanTheHeaderAsMalformed() {
        for (byte[] tooShort : new byte[][] {{}, {0}, {0, 0, 0, 1}}) {
            MalformedPayloadException e = catchThrowableOfType(MalformedPayloadException.class,
                    () -> commands.deserialize(TOPIC, tooShort));

            assertThat(e.reason()).isEqualTo("MALFORMED_PAYLOAD");
            assertThat(e.getMessage()).contains(tooShort.length + " bytes");
        }
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldRejectTrailingBytesAfterTheRecordAsMalformed() {
        byte[] valid = validCommand();
        byte[] padded = Arrays.copyOf(valid, valid.length + 1);

        MalformedPayloadException e = catchThrowableOfType(MalformedPayloadException.class,
                () -> commands.deserialize(TOPIC, padded));

        assertThat(e.getMessage()).contains("trailing bytes");
    }

    @Test
    void shouldRejectARecordOfAnotherTypeAsIncompatible() {
        byte[] key = AvroSerdes.forKey(client, EntryKey.class).serializer()
                .serialize("veridict.payloads", LedgerSamples.entryKey());

        IncompatibleSchemaException e = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> new ConfluentAvroDeserializer<>(client, PayloadEnvelope.class)
                        .deserialize("veridict.payloads", key));

        assertThat(e.reason()).isEqualTo("INCOMPATIBLE_SCHEMA");
        assertThat(e.schemaId()).isEqualTo(ScriptedRegistry.FIRST_ID);
        assertThat(e.getMessage()).contains("veridict.payloads", PayloadEnvelope.class.getName());
    }

    @Test
    void shouldReportAnUnavailableRegistryAsRetriable() {
        registry.script("GET", "/schemas/ids/7", 503,
                "{\"error_code\":50302,\"message\":\"Leader unknown\"}");

        RegistryRequestException e = catchThrowableOfType(RegistryRequestException.class,
                () -> commands.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 7, 2}));

        assertThat(e.reason()).isEqualTo("REGISTRY_UNAVAILABLE");
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50302);
        assertThat(e.getMessage()).contains(TOPIC, "schema id 7");
    }

    @Test
    void shouldReportARegistryRefusalAsRejected() {
        registry.script("GET", "/schemas/ids/7", 401,
                "{\"error_code\":401,\"message\":\"Unauthorized\"}");

        RegistryRequestException e = catchThrowableOfType(RegistryRequestException.class,
                () -> commands.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 7, 2}));

        assertThat(e.reason()).isEqualTo("REGISTRY_REJECTED");
        assertThat(e.isRetriable()).isFalse();
    }
}
