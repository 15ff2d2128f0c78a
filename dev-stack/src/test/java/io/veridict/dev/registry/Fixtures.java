package io.veridict.dev.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** Schema fixtures from {@code src/test/resources/registry/} and request bodies built from them. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The text of fixture {@code name}, e.g. {@code user-v1.avsc}. */
    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/registry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema avro(String name) {
        return new Schema.Parser().parse(text(name));
    }

    /** {@code {"schema":"<fixture text>"}} as UTF-8 bytes. */
    static byte[] schemaBody(String name) {
        return json(Map.of("schema", text(name)));
    }

    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subject history of the given fixtures, versions 1.. with ids 1.. */
    static List<SubjectVersion> history(String subject, String... names) {
        SubjectVersion[] versions = new SubjectVersion[names.length];
        for (int i = 0; i < names.length; i++) {
            versions[i] = new SubjectVersion(subject, i + 1, i + 1, avro(names[i]));
        }
        return List.of(versions);
    }
}
