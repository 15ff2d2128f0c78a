package io.veridict.api.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.veridict.api.json.JsonLimits;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.policy.PolicyLimits;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What one API request may cost the server: body sizes, JSON shape limits, batch sizes. Every
 * request body is read by a {@link StrictJsonReader} built here; see {@code docs/api-errors.md}
 * for the error each limit answers with.
 */
public class ApiLimitsFactory {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** Largest body of a single request, in bytes. Default: 1 MiB (1048576). */
    @Min(KIB)
    @Max(64 * MIB)
    private int maxBodyBytes = MIB;

    /** Deepest nesting of objects and arrays in a request (the body object is depth 1). Default: 32. */
    @Min(4)
    @Max(256)
    private int maxJsonDepth = 32;

    /** Most object members, at any depth, in a single request or in one batch item. Default: 5000 (room for 1000 violations of three members each). */
    @Min(16)
    @Max(1_000_000)
    private int maxJsonFields = 5000;

    /** Longest string value or member name, in UTF-8 bytes. Default: 64 KiB (65536). */
    @Min(KIB)
    @Max(64 * MIB)
    private int maxStringBytes = 64 * KIB;

    /** Most decisions in one batch request. Default: 500. */
    @Min(1)
    @Max(10_000)
    private int maxBatchSize = 500;

    /** Largest body of a batch request, in bytes. Default: 16 MiB (16777216). */
    @Min(KIB)
    @Max(512 * MIB)
    private int maxBatchBodyBytes = 16 * MIB;

    @JsonProperty
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @JsonProperty
    public int getMaxJsonDepth() {
        return maxJsonDepth;
    }

    @JsonProperty
    public void setMaxJsonDepth(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }

    @JsonProperty
    public int getMaxJsonFields() {
        return maxJsonFields;
    }

    @JsonProperty
    public void setMaxJsonFields(int maxJsonFields) {
        this.maxJsonFields = maxJsonFields;
    }

    @JsonProperty
    public int getMaxStringBytes() {
        return maxStringBytes;
    }

    @JsonProperty
    public void setMaxStringBytes(int maxStringBytes) {
        this.maxStringBytes = maxStringBytes;
    }

    @JsonProperty
    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    @JsonProperty
    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    @JsonProperty
    public int getMaxBatchBodyBytes() {
        return maxBatchBodyBytes;
    }

    @JsonProperty
    public void setMaxBatchBodyBytes(int maxBatchBodyBytes) {
        this.maxBatchBodyBytes = maxBatchBodyBytes;
    }

    /** A string limit above the body limit could never be reached. */
    @JsonIgnore
    @AssertTrue(message = "maxStringBytes must not exceed maxBodyBytes")
    public boolean isStringLimitWithinBody() {
        return maxStringBytes <= maxBodyBytes;
    }

    /** A batch must be able to carry at least one request of the largest size. */
    @JsonIgnore
    @AssertTrue(message = "maxBatchBodyBytes must be at least maxBodyBytes")
    public boolean isBatchBodyAtLeastOneRequest() {
        return maxBatchBodyBytes >= maxBodyBytes;
    }

    /** The reader for the body of a single request. */
    public StrictJsonReader build() {
        return new StrictJsonReader(new JsonLimits(maxBodyBytes, maxJsonDepth, maxJsonFields, maxStringBytes));
    }

    /**
     * The reader for the body of an evaluation {@code {"context": {…}, "policy": {…}}}: as
     * {@link #build()}, but at least deep enough that every context the policy engine accepts,
     * and one level more, reaches the engine, whose own limit then answers
     * ({@code CONTEXT_TOO_DEEP}): the context is one level below the body.
     */
    public StrictJsonReader buildEvaluation() {
        int depth = Math.max(maxJsonDepth, PolicyLimits.MAX_CONTEXT_DEPTH + 2);
        return new StrictJsonReader(new JsonLimits(maxBodyBytes, depth, maxJsonFields, maxStringBytes));
    }

    /**
     * The reader for the body of a batch request {@code {"decisions":[…]}}: two levels deeper
     * (the batch object and its array) and up to {@code maxJsonFields} members per item. Each
     * item is then held to {@code maxJsonFields} on its own by the batch model.
     */
    public StrictJsonReader buildBatch() {
        long fields = (long) maxJsonFields * maxBatchSize + 1;
        return new StrictJsonReader(new JsonLimits(maxBatchBodyBytes, maxJsonDepth + 2,
                (int) Math.min(Integer.MAX_VALUE, fields), maxStringBytes));
    }
}
