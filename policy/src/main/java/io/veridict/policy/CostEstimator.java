package io.veridict.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelCall;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Estimates, from a checked condition alone, how much work one evaluation of it can take on any
 * context within the context limits. The unit is one step of the interpreter: visiting one node
 * of the expression tree. A comprehension ({@code all}, {@code exists}, {@code exists_one},
 * {@code map}, {@code filter}) costs its loop body once for every element its range may have,
 * and functions whose work grows with their operands ({@code ==}, {@code <}, {@code contains},
 * {@code matches}, {@code in}, concatenation, …) cost one more step per
 * {@value #LINEAR_UNIT} code points, bytes or elements they may scan. Appending to the
 * accumulator of {@code map} or {@code filter} costs only what is appended: the runtime extends
 * the accumulated list without copying it.
 *
 * <p>Sizes are known for literals; any other value is assumed to be as large as the context
 * limits let it be: {@value PolicyLimits#MAX_CONTEXT_ELEMENTS} elements, or
 * {@value PolicyLimits#MAX_CONTEXT_STRING_CODE_POINTS} code points.
 *
 * @see "docs/policies.md §6 Cost budget"
 */
final class CostEstimator {

    /** How many code points, bytes or elements a size-proportional function handles in one step. */
    static final int LINEAR_UNIT = 64;
    /** Element count assumed for a list or map that is not a literal. */
    static final long ASSUMED_ELEMENTS = PolicyLimits.MAX_CONTEXT_ELEMENTS;
    /** Size assumed for a string, bytes, list or map that is not a literal. */
    static final long ASSUMED_SIZE = PolicyLimits.MAX_CONTEXT_STRING_CODE_POINTS;

    /** Functions that compare their two operands, element by element or character by character. */
    private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");
    /** Functions of one operand that may read all of it: sizes (of strings) and conversions. */
    private static final Set<String> SCANS = Set.of("size", "string", "bytes", "int", "uint", "double", "bool",
            "timestamp", "duration");
    /** Functions whose work is bounded by the length of their argument. */
    private static final Set<String> AFFIX_TESTS = Set.of("startsWith", "endsWith");
    /** Kinds whose values have a fixed size. */
    private static final Set<CelKind> SCALARS = Set.of(CelKind.BOOL, CelKind.INT, CelKind.UINT, CelKind.DOUBLE,
            CelKind.NULL_TYPE, CelKind.TIMESTAMP, CelKind.DURATION, CelKind.TYPE);

    /**
     * What the estimate found.
     *
     * @param cost estimated steps of one evaluation, capped at {@link Long#MAX_VALUE} / 4
     * @param depth depth of the expression tree, counting the root as 1
     * @param literalPatterns the regular expressions written as literals in {@code matches} calls
     */
    record Estimate(long cost, int depth, List<String> literalPatterns) {
    }

    private static final long CAP = Long.MAX_VALUE / 4;

    private final CelAbstractSyntaxTree ast;
    /** The accumulator variables of the comprehensions enclosing the node being estimated. */
    private final Deque<String> accumulators = new ArrayDeque<>();
    private final List<String> literalPatterns = new ArrayList<>();
    private int deepest;

    private CostEstimator(CelAbstractSyntaxTree ast) {
        this.ast = ast;
    }

    /** Estimates a checked condition. */
    static Estimate estimate(CelAbstractSyntaxTree ast) {
        CostEstimator estimator = new CostEstimator(ast);
        long cost = estimator.cost(ast.getExpr(), 1);
        return new Estimate(cost, estimator.deepest, List.copyOf(estimator.literalPatterns));
    }

    private long cost(CelExpr expr, int depth) {
        deepest = Math.max(deepest, depth);
        if (depth > PolicyLimits.MAX_CONDITION_DEPTH) {
            return 1; // already over the depth limit: the policy is refused for that
        }
        int below = depth + 1;
        return switch (expr.getKind()) {
            case CONSTANT, IDENT, NOT_SET -> 1;
            case SELECT -> add(1, cost(expr.select().operand(), below));
            case LIST -> add(1, sum(expr.list().elements(), below));
            case MAP -> {
                long total = 1;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    total = add(total, add(cost(entry.key(), below), cost(entry.value(), below)));
                }
                yield total;
            }
            case STRUCT -> {
                long total = 1;
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    total = add(total, cost(entry.value(), below));
                }
                yield total;
            }
            case CALL -> call(expr, below);
            case COMPREHENSION -> comprehension(expr.comprehension(), below);
        };
    }

    private long call(CelExpr expr, int below) {
        CelCall call = expr.call();
        long total = 1;
        if (call.target().isPresent()) {
            total = add(total, cost(call.target().get(), below));
        }
        total = add(total, sum(call.args(), below));
        return add(total, linearWork(expr));
    }

    private long comprehension(CelComprehension loop, int below) {
        long once = add(add(cost(loop.iterRange(), below), cost(loop.accuInit(), below)), cost(loop.result(), below));
        accumulators.push(loop.accuVar());
        long perIteration = add(cost(loop.loopCondition(), below), cost(loop.loopStep(), below));
        accumulators.pop();
        return add(once, multiply(elements(loop.iterRange()), perIteration));
    }

    /** Extra steps of a function whose work grows with the size of its operands. */
    private long linearWork(CelExpr expr) {
        CelCall call = expr.call();
        List<CelExpr> operands = call.target().isPresent()
                ? prepend(call.target().get(), call.args())
                : call.args();
        String function = call.function();
        long scanned;
        if (COMPARISONS.contains(function) && operands.size() == 2) {
            scanned = Math.min(size(operands.get(0)), size(operands.get(1)));
        } else if (function.equals("@in") && operands.size() == 2) {
            return elements(operands.get(1));
        } else if (function.equals("_+_") && operands.size() == 2 && hasKind(expr, CelKind.LIST)) {
            // lists concatenate element references; map() and filter() append to their
            // accumulator, which the runtime extends in place without copying it
            scanned = isAccumulator(operands.get(0))
                    ? elements(operands.get(1))
                    : add(elements(operands.get(0)), elements(operands.get(1)));
        } else if (function.equals("_+_") && operands.size() == 2) {
            scanned = add(size(operands.get(0)), size(operands.get(1)));
        } else if (function.equals("contains") && operands.size() == 2) {
            scanned = size(operands.get(0));
        } else if (function.equals("matches") && operands.size() == 2) {
            CelExpr pattern = operands.get(1);
            if (pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                literalPatterns.add(pattern.constant().stringValue());
            }
            scanned = multiply(size(operands.get(0)), units(size(operands.get(1))));
        } else if (SCANS.contains(function) && operands.size() == 1) {
            scanned = size(operands.get(0));
        } else if (AFFIX_TESTS.contains(function) && operands.size() == 2) {
            scanned = size(operands.get(1));
        } else {
            return 0;
        }
        return units(scanned);
    }

    /** Upper bound of the size of a value: code points, bytes, or elements. */
    private long size(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
            CelConstant constant = expr.constant();
            return switch (constant.getKind()) {
                case STRING_VALUE -> constant.stringValue().codePointCount(0, constant.stringValue().length());
                case BYTES_VALUE -> constant.bytesValue().size();
                default -> 1;
            };
        }
        if (isScalar(expr)) {
            return 1;
        }
        return switch (expr.getKind()) {
            case LIST -> {
                long total = expr.list().elements().size();
                for (CelExpr element : expr.list().elements()) {
                    total = add(total, size(element));
                }
                yield total;
            }
            case MAP -> {
                long total = expr.map().entries().size();
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    total = add(total, add(size(entry.key()), size(entry.value())));
                }
                yield total;
            }
            case CALL -> isConcatenation(expr.call())
                    ? add(size(expr.call().args().get(0)), size(expr.call().args().get(1)))
                    : ASSUMED_SIZE;
            default -> ASSUMED_SIZE;
        };
    }

    /** Upper bound of the number of elements of a list or map, which a comprehension iterates. */
    private long elements(CelExpr expr) {
        return switch (expr.getKind()) {
            case LIST -> expr.list().elements().size();
            case MAP -> expr.map().entries().size();
            case CALL -> {
                CelCall call = expr.call();
                if (isConcatenation(call)) {
                    yield add(elements(call.args().get(0)), elements(call.args().get(1)));
                }
                if (call.function().equals("_?_:_") && call.args().size() == 3) {
                    yield Math.max(elements(call.args().get(1)), elements(call.args().get(2)));
                }
                yield ASSUMED_ELEMENTS;
            }
            // map() and filter() accumulate into a list that starts empty and grows by at most
            // one element per iteration of their range.
            case COMPREHENSION -> expr.comprehension().accuInit().getKind() == CelExpr.ExprKind.Kind.LIST
                    ? add(expr.comprehension().accuInit().list().elements().size(),
                            elements(expr.comprehension().iterRange()))
                    : ASSUMED_ELEMENTS;
            default -> ASSUMED_ELEMENTS;
        };
    }

    private boolean isScalar(CelExpr expr) {
        return ast.getType(expr.id()).map(CelType::kind).map(SCALARS::contains).orElse(false);
    }

    private boolean hasKind(CelExpr expr, CelKind kind) {
        return ast.getType(expr.id()).map(CelType::kind).orElse(null) == kind;
    }

    private boolean isAccumulator(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && accumulators.contains(expr.ident().name());
    }

    private static boolean isConcatenation(CelCall call) {
        return call.function().equals("_+_") && call.target().isEmpty() && call.args().size() == 2;
    }

    private long sum(List<CelExpr> exprs, int depth) {
        long total = 0;
        for (CelExpr expr : exprs) {
            total = add(total, cost(expr, depth));
        }
        return total;
    }

    private static List<CelExpr> prepend(CelExpr first, List<CelExpr> rest) {
        CelExpr[] all = new CelExpr[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return List.of(all);
    }

    private static long units(long scanned) {
        return (scanned + LINEAR_UNIT - 1) / LINEAR_UNIT;
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > CAP / b ? CAP : a * b;
    }
}
