package io.veridict.dev.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies: strict UTF-8, one JSON document, no object with the same member name
 * twice (which value counts would be a guess). Any failure is the client's and is answered
 * 422 with {@code error_code} 422, never 500.
 */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    /**
     * Parses {@code body} as one JSON document.
     *
     * @throws RegistryException 422 when the body is empty, not UTF-8, not JSON or repeats a member name
     */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw RegistryException.malformedBody("the request body is empty");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            return JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw RegistryException.malformedBody("the request body is not valid UTF-8");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw RegistryException.malformedBody("the request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }
}
