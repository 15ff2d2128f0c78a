package io.veridict.api.json;

/**
 * The limits {@link StrictJsonReader} enforces on one request body.
 *
 * @param maxBodyBytes the largest body, in bytes (declared by Content-Length and counted while reading)
 * @param maxDepth the deepest nesting of objects and arrays; the root object is depth 1
 * @param maxFields the most object members in the whole document, at any depth
 * @param maxStringBytes the longest string value or member name, in UTF-8 bytes
 */
public record JsonLimits(long maxBodyBytes, int maxDepth, int maxFields, int maxStringBytes) {

    /**
     * The most characters one number may have. Every finite double, written in plain decimal
     * without redundant zeros, fits (the longest, 2<sup>-1074</sup>, takes 1,076), so this only
     * refuses numbers that are padded or that no double could represent anyway.
     */
    public static final int MAX_NUMBER_CHARS = 1100;

    public JsonLimits {
        if (maxBodyBytes < 1 || maxDepth < 1 || maxFields < 0 || maxStringBytes < 1) {
            throw new IllegalArgumentException("JSON limits must be positive: " + maxBodyBytes + " bytes, depth "
                    + maxDepth + ", " + maxFields + " fields, strings of " + maxStringBytes + " bytes");
        }
    }
}
