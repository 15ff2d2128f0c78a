package io.veridict.api.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.core.ApiLimitsFactory;
import io.veridict.api.json.StrictJsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Request bodies for tests, read exactly as a resource reads them (default limits). */
final class Requests {

    private static final StrictJsonReader READER = new ApiLimitsFactory().build();
    private static final StrictJsonReader BATCH_READER = new ApiLimitsFactory().buildBatch();

    private Requests() {
    }

    static ObjectNode json(String text) {
        return READER.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "application/json", -1);
    }

    static ObjectNode batchJson(String text) {
        return BATCH_READER.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "application/json", -1);
    }

    static DecisionRequest decision(String text) {
        return DecisionRequest.fromJson(json(text));
    }
}
