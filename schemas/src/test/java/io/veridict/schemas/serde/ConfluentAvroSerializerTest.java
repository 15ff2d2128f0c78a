package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.schemas.testing.ScriptedRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subject choice, auto-registration and the failures of the serialiser. */
class ConfluentAvroSerializerTest {

    private static final String TOPIC = "veridict.entries";

    private final ScriptedRegistry registry = ScriptedRegistry.start();
    private final SchemaRegistryClient client =
            new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    @Test
    void shouldOnlyLookUpTheIdWhenAutoRegistrationIsOff() {
        int id = registry.store("veridict.entries-key", EntryKey.getClassSchema());
        ConfluentAvroSerializer<EntryKey> serializer =
                new ConfluentAvroSerializer<>(client, EntryKey.class, true, false);

        byte[] bytes = serializer.serialize(TOPIC, LedgerSamples.entryKey());

        assertThat(schemaId(bytes)).isEqualTo(id);
        assertThat(registry.requests("POST", "/subjects/veridict.entries-key")).hasSize(1);
        assertThat(registry.requests("POST", "/subjects/veridict.entries-key/versions")).isEmpty();
    }

    @Test
    void shouldFailClearlyWhenTheSchemaIsNotRegisteredAndAutoRegistrationIsOff() {
        ConfluentAvroSerializer<EntryKey> serializer =
                new ConfluentAvroSerializer<>(client, EntryKey.class, true, false);

        UnregisteredSchemaException e = catchThrowableOfType(UnregisteredSchemaException.class,
                () -> serializer.serialize(TOPIC, LedgerSamples.entryKey()));

        assertThat(e.reason()).isEqualTo("SCHEMA_NOT_REGISTERED");
        assertThat(e.subject()).isEqualTo("veridict.entries-key");
        assertThat(e.getMessage()).contains(TOPIC, "io.veridict.schemas.avro.EntryKey");
    }

    @Test
    void shouldTakeTheKeyRoleAndAutoRegistrationFromConfigure() {
        int id = registry.store("veridict.entries-key", EntryKey.getClassSchema());
        ConfluentAvroSerializer<EntryKey> serializer =
                new ConfluentAvroSerializer<>(client, EntryKey.class, false, true);

        serializer.configure(Map.of(ConfluentAvroSerializer.AUTO_REGISTER_SCHEMAS_CONFIG, "false"),
                true);
        byte[] bytes = serializer.serialize(TOPIC, LedgerSamples.entryKey());

        assertThat(schemaId(bytes)).isEqualTo(id);
        assertThat(registry.requests()).extracting(ScriptedRegistry.Request::rawPath)
                .containsExactly("/subjects/veridict.entries-key");
    }

    @Test
    void shouldReportARegistryRefusingTheSchemaAsRejected() {
        registry.script("POST", "/subjects/veridict.entries-value/versions", 409,
                "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        ConfluentAvroSerializer<EntryKey> serializer =
                new ConfluentAvroSerializer<>(client, EntryKey.class, false, true);

        RegistryRequestException e = catchThrowableOfType(RegistryRequestException.class,
                () -> serializer.serialize(TOPIC, LedgerSamples.entryKey()));

        assertThat(e.reason()).isEqualTo("REGISTRY_REJECTED");
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(409);
        assertThat(e.getMessage()).contains(TOPIC, "veridict.entries-value", "incompatible");
    }

    @Test
    void shouldReportARecordMissingARequiredFieldAsInvalid() {
        EntryKey withoutTenant = new EntryKey();
        withoutTenant.setSeq(3L);
        ConfluentAvroSerializer<EntryKey> serializer =
                new ConfluentAvroSerializer<>(client, EntryKey.class, true, true);

        InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class,
                () -> serializer.serialize(TOPIC, withoutTenant));

        assertThat(e.reason()).isEqualTo("INVALID_RECORD");
        assertThat(e.getMessage()).contains(TOPIC, "tenant_id");
    }
}
