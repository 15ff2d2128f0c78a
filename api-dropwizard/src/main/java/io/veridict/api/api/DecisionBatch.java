package io.veridict.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblem;
import io.veridict.api.errors.FieldProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code POST /v1/decisions/record:batch} body, {@code {"decisions":[…]}}. All or
 * nothing: if any item is invalid, the whole batch is refused with every problem listed, paths
 * prefixed by the item ({@code decisions[3].policy.id}), and no item is recorded.
 *
 * <p>Item {@code i} is recorded under the idempotency key
 * {@link RequestHeaders#batchItemKey(String, int) <Idempotency-Key>:<i>}.
 */
public final class DecisionBatch {

    /** The one member of a batch body. */
    public static final String DECISIONS = "decisions";

    private final List<DecisionRequest> decisions;

    private DecisionBatch(List<DecisionRequest> decisions) {
        this.decisions = List.copyOf(decisions);
    }

    /**
     * Validates a batch body (as read by the batch {@code StrictJsonReader}).
     *
     * @param maxBatchSize the most items a batch may hold
     * @param maxItemFields the most object members one item may hold, at any depth
     * @throws ApiException {@code INVALID_REQUEST} for a malformed batch or any invalid item (all
     *         problems listed), {@code BATCH_EMPTY} for no items, {@code BATCH_TOO_LARGE} for too many,
     *         {@code TOO_MANY_FIELDS} for an item over the per-request member limit
     */
    public static DecisionBatch fromJson(ObjectNode body, int maxBatchSize, int maxItemFields) {
        FieldProblems problems = new FieldProblems();
        FieldReader fields = new FieldReader(problems);
        fields.rejectUnknown(body, FieldPath.ROOT, Set.of(DECISIONS));
        JsonNode items = body.get(DECISIONS);
        if (items == null || items.isNull()) {
            problems.add(DECISIONS, "is required");
        } else if (!items.isArray()) {
            problems.add(DECISIONS, "must be an array, not " + FieldReader.describe(items));
        }
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the batch");
        if (items.isEmpty()) {
            throw new ApiException(ErrorCode.BATCH_EMPTY, "the batch holds no decisions");
        }
        if (items.size() > maxBatchSize) {
            throw new ApiException(ErrorCode.BATCH_TOO_LARGE, "the batch holds " + items.size()
                    + " decisions; at most " + maxBatchSize + " are allowed");
        }
        return new DecisionBatch(items((ArrayNode) items, maxItemFields, problems));
    }

    private static List<DecisionRequest> items(ArrayNode items, int maxItemFields, FieldProblems problems) {
        DecisionRequestParser parser = new DecisionRequestParser(problems);
        FieldReader fields = new FieldReader(problems);
        List<DecisionRequest> decisions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = FieldPath.index(DECISIONS, i);
            ObjectNode item = fields.objectValue(items.get(i), at);
            if (item == null) {
                continue;
            }
            int members = countMembers(item);
            if (members > maxItemFields) {
                // The per-request limit, held per item: refused as a single request over it is.
                throw new ApiException(ErrorCode.TOO_MANY_FIELDS, at + " has more than " + maxItemFields
                        + " object members", List.of(FieldProblem.of(at, "has " + members
                        + " object members; one decision may have at most " + maxItemFields)));
            }
            decisions.add(parser.parse(item, at));
        }
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the batch");
        return decisions;
    }

    /** Object members in {@code node}, at any depth. */
    static int countMembers(JsonNode node) {
        int count = node.isObject() ? node.size() : 0;
        for (JsonNode child : node) {
            count += countMembers(child);
        }
        return count;
    }

    /** @return the decisions, in the order sent; item {@code i} takes key {@code <key>:<i>} */
    public List<DecisionRequest> decisions() {
        return decisions;
    }

    /** @return how many decisions the batch holds */
    public int size() {
        return decisions.size();
    }
}
