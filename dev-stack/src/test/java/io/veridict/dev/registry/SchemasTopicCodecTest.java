package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemasTopicCodecTest {

    private static final String STRING_SCHEMA = "\"string\"";

    @Test
    void shouldWriteSchemaRecordsInConfluentsLayout() {
        RegistryRecord record = new RegistryRecord.SchemaRecord("users-value", 2, 7, avro("user-v1.avsc"));

        assertThat(text(SchemasTopicCodec.key(record)))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"users-value\",\"version\":2,\"magic\":1}");
        assertThat(text(SchemasTopicCodec.value(record))).isEqualTo("{\"subject\":\"users-value\",\"version\":2,\"id\":7,"
                + "\"schema\":" + Fixtures.JSON.valueToTree(avro("user-v1.avsc").toString()) + ",\"deleted\":false}");
    }

    @Test
    void shouldWriteGlobalConfigWithANullSubject() {
        RegistryRecord global = new RegistryRecord.ConfigRecord(null, CompatibilityLevel.FULL);
        RegistryRecord subject = new RegistryRecord.ConfigRecord("users-value", CompatibilityLevel.NONE);

        assertThat(text(SchemasTopicCodec.key(global))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(SchemasTopicCodec.value(global))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(text(SchemasTopicCodec.key(subject))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"users-value\",\"magic\":0}");
    }

    @Test
    void shouldReadBackWhatItWrites() {
        for (RegistryRecord record : new RegistryRecord[] {
                new RegistryRecord.SchemaRecord("a/b", 1, 3, avro("order-v1.avsc")),
                new RegistryRecord.ConfigRecord(null, CompatibilityLevel.FORWARD_TRANSITIVE),
                new RegistryRecord.ConfigRecord("ü-value", CompatibilityLevel.BACKWARD)}) {
            assertThat(SchemasTopicCodec.decode(SchemasTopicCodec.key(record), SchemasTopicCodec.value(record)))
                    .contains(record);
        }
    }

    @Test
    void shouldReadRecordsWrittenByConfluentsRegistry() {
        byte[] key = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}");
        byte[] value = bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":100001,\"schemaType\":\"AVRO\","
                + "\"schema\":\"\\\"string\\\"\",\"deleted\":false,\"references\":[]}");

        assertThat(SchemasTopicCodec.decode(key, value)).contains(new RegistryRecord.SchemaRecord(
                "t-value", 1, 100001, new Schema.Parser().parse(STRING_SCHEMA)));
    }

    @Test
    void shouldSkipRecordsItDoesNotModel() {
        byte[] schemaKey = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t\",\"version\":1,\"magic\":1}");
        String value = "{\"subject\":\"t\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"";

        assertThat(SchemasTopicCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("null"))).isEmpty();
        assertThat(SchemasTopicCodec.decode(schemaKey, null)).isEmpty();
        assertThat(SchemasTopicCodec.decode(schemaKey, bytes(value + ",\"deleted\":true}"))).isEmpty();
        assertThat(SchemasTopicCodec.decode(schemaKey, bytes(value + ",\"schemaType\":\"PROTOBUF\"}"))).isEmpty();
        assertThat(SchemasTopicCodec.decode(schemaKey, bytes(value + ",\"references\":[{\"name\":\"x\"}]}"))).isEmpty();
        assertThat(SchemasTopicCodec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
                bytes("{\"normalize\":true}"))).isEqualTo(Optional.empty());
    }

    @Test
    void shouldRefuseRecordsThatAreNotTheLayout() {
        byte[] schemaKey = bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t\",\"version\":1,\"magic\":1}");

        assertThatThrownBy(() -> SchemasTopicCodec.decode(bytes("not json"), bytes("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key is not JSON");
        assertThatThrownBy(() -> SchemasTopicCodec.decode(schemaKey, bytes("{\"subject\":\"t\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks subject, version, id or schema");
        assertThatThrownBy(() -> SchemasTopicCodec.decode(schemaKey,
                bytes("{\"subject\":\"t\",\"version\":1,\"id\":1,\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema Avro rejects");
        assertThatThrownBy(() -> SchemasTopicCodec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":null}"),
                bytes("{\"compatibilityLevel\":\"SIDEWAYS\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIDEWAYS");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
