package io.veridict.policy;

/**
 * The version of the engine, which is part of every evaluation hash: two evaluations can only
 * be compared when they name the same engine.
 *
 * <p>{@link #ENGINE} changes whenever the meaning of a policy could change: the environment, the
 * function set, the number or string rules, a limit, the cost model, the outcome rules or the
 * hash input. {@link #CEL} names the CEL implementation and its version.
 *
 * @see "docs/policies.md §8 Evaluation hash"
 */
public final class EngineVersion {

    /** The version of this engine's semantics. */
    public static final String ENGINE = "veridict-policy/1";
    /** The CEL implementation the rules run on; must match the dev.cel version of the build. */
    public static final String CEL = "cel-java/0.14.0";
    /** The full engine version, as written into evaluation results and hashed. */
    public static final String VERSION = ENGINE + " " + CEL;

    private EngineVersion() {
    }
}
