package io.veridict.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.CanonicalJsonException;
import io.veridict.schemas.format.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decision context made ready for rules: checked against the context limits, turned into CEL
 * values, and hashed.
 *
 * <p>Conversion (docs/policies.md §4): an object becomes a {@code map(string, dyn)} whose keys
 * iterate in canonical JSON order (UTF-16 code units, as RFC 8785 sorts them); an array a list;
 * a string itself; every number a {@code double} holding the value of its canonical text (so
 * {@code 1}, {@code 1.0} and {@code 1e0} are the same double, and {@code -0} is {@code 0});
 * {@code true}/{@code false} a {@code bool}; {@code null} CEL's {@code null}.
 *
 * @param variables the activation: {@code ctx} bound to the converted context
 * @param hash lower-case hex SHA-256 of the context's canonical JSON
 */
record PolicyContext(Map<String, Object> variables, String hash) {

    /**
     * Checks and converts a context.
     *
     * @throws PolicyException {@link PolicyErrorCode#CONTEXT_TOO_DEEP} or
     *         {@link PolicyErrorCode#CONTEXT_INVALID}
     */
    static PolicyContext of(JsonNode context) {
        Objects.requireNonNull(context, "context");
        if (!context.isObject()) {
            throw invalid("the context must be a JSON object, not " + context.getNodeType());
        }
        Object converted = new Converter().value(context, 1);
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(context);
        } catch (CanonicalJsonException e) {
            throw new PolicyException(PolicyErrorCode.CONTEXT_INVALID, null, "the context has no canonical form: "
                    + e.getMessage(), e);
        }
        if (canonical.length > PolicyLimits.MAX_CONTEXT_BYTES) {
            throw invalid("the context's canonical JSON is longer than " + PolicyLimits.MAX_CONTEXT_BYTES + " bytes");
        }
        return new PolicyContext(Map.of(PolicyEnvironment.CONTEXT_VARIABLE, converted),
                Sha256.hex(canonical));
    }

    /**
     * Parses a context from UTF-8 JSON text under the ledger's strict input rules, then checks
     * and converts it.
     *
     * @throws PolicyException {@link PolicyErrorCode#CONTEXT_TOO_DEEP} or
     *         {@link PolicyErrorCode#CONTEXT_INVALID}
     */
    static PolicyContext of(byte[] utf8Json) {
        Objects.requireNonNull(utf8Json, "utf8Json");
        JsonNode tree;
        try {
            tree = CanonicalJson.parseStrict(utf8Json);
        } catch (CanonicalJsonException e) {
            throw new PolicyException(PolicyErrorCode.CONTEXT_INVALID, null, "the context is not valid JSON: "
                    + e.getMessage(), e);
        }
        return of(tree);
    }

    private static PolicyException invalid(String message) {
        return new PolicyException(PolicyErrorCode.CONTEXT_INVALID, null, message);
    }

    /** Walks the tree depth first, members in canonical order, and stops at the first broken limit. */
    private static final class Converter {

        private int values;

        Object value(JsonNode node, int depth) {
            if (++values > PolicyLimits.MAX_CONTEXT_VALUES) {
                throw invalid("the context holds more than " + PolicyLimits.MAX_CONTEXT_VALUES + " values");
            }
            return switch (node.getNodeType()) {
                case OBJECT -> object(node, depth);
                case ARRAY -> array(node, depth);
                case STRING -> string(node.textValue());
                case NUMBER -> number(node);
                case BOOLEAN -> node.booleanValue();
                case NULL -> NullValue.NULL_VALUE;
                default -> throw invalid("the context holds a " + node.getNodeType() + " node, which is not JSON");
            };
        }

        private Map<String, Object> object(JsonNode node, int depth) {
            requireContainer(node, depth);
            List<String> names = new ArrayList<>(node.size());
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                names.add(member.getKey());
            }
            Collections.sort(names);
            Map<String, Object> map = new LinkedHashMap<>();
            for (String name : names) {
                map.put(string(name), value(node.get(name), depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }

        private List<Object> array(JsonNode node, int depth) {
            requireContainer(node, depth);
            Object[] elements = new Object[node.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = value(node.get(i), depth + 1);
            }
            return List.of(elements);
        }

        private static void requireContainer(JsonNode node, int depth) {
            if (depth > PolicyLimits.MAX_CONTEXT_DEPTH) {
                throw new PolicyException(PolicyErrorCode.CONTEXT_TOO_DEEP, null, "the context nests objects and arrays"
                        + " deeper than " + PolicyLimits.MAX_CONTEXT_DEPTH + " levels");
            }
            if (node.size() > PolicyLimits.MAX_CONTEXT_ELEMENTS) {
                throw invalid("the context has an " + (node.isArray() ? "array" : "object") + " of " + node.size()
                        + " elements, more than " + PolicyLimits.MAX_CONTEXT_ELEMENTS);
            }
        }

        private static String string(String text) {
            if (text.length() > PolicyLimits.MAX_CONTEXT_STRING_CODE_POINTS
                    && text.codePointCount(0, text.length()) > PolicyLimits.MAX_CONTEXT_STRING_CODE_POINTS) {
                throw invalid("the context has a string of more than " + PolicyLimits.MAX_CONTEXT_STRING_CODE_POINTS
                        + " code points");
            }
            return text;
        }

        /**
         * The double a JSON number denotes. Numbers that have no exact canonical text are refused
         * afterwards by canonicalisation; for all others the double is the canonical value.
         */
        private static Double number(JsonNode node) {
            double value;
            if (node.isBigInteger()) {
                value = node.bigIntegerValue().doubleValue();
            } else if (node.isIntegralNumber()) {
                value = node.longValue();
            } else if (node.isBigDecimal()) {
                value = Double.parseDouble(node.decimalValue().toString());
            } else {
                value = node.doubleValue();
            }
            return value == 0.0 ? 0.0 : value; // -0.0 == 0.0: canonical JSON writes both as 0
        }
    }
}
