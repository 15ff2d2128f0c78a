package io.veridict.api.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a request before answering, so a client learns all it must fix in
 * one round trip. At most {@link #MAX_DETAILS} problems are sent; the message tells how many
 * there were.
 */
public final class FieldProblems {

    /** How many problems an error lists at most. */
    public static final int MAX_DETAILS = 100;

    private final List<FieldProblem> problems = new ArrayList<>();

    /** Records that the value at {@code field} has {@code problem}. */
    public void add(String field, String problem) {
        problems.add(FieldProblem.of(field, problem));
    }

    /** @return how many problems were recorded */
    public int size() {
        return problems.size();
    }

    /** @return whether no problem was recorded */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @return the problems recorded so far, in order */
    public List<FieldProblem> list() {
        return List.copyOf(problems);
    }

    /**
     * Throws an {@link ApiException} listing the problems, if there are any.
     *
     * @param code the code to answer with, usually {@link ErrorCode#INVALID_REQUEST}
     * @param what what was invalid, e.g. {@code "the decision request"}
     */
    public void throwIfAny(ErrorCode code, String what) {
        if (!problems.isEmpty()) {
            throw toException(code, what);
        }
    }

    /**
     * The {@link ApiException} listing the problems recorded so far.
     *
     * @param code the code to answer with, usually {@link ErrorCode#INVALID_REQUEST}
     * @param what what was invalid, e.g. {@code "the decision request"}
     */
    public ApiException toException(ErrorCode code, String what) {
        int count = problems.size();
        String message = what + (count == 1 ? " has 1 problem" : " has " + count + " problems")
                + (count > MAX_DETAILS ? " (the first " + MAX_DETAILS + " are listed)" : "");
        return new ApiException(code, message, problems.subList(0, Math.min(count, MAX_DETAILS)));
    }
}
