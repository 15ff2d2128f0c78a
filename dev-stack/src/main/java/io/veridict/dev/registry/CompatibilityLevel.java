package io.veridict.dev.registry;

import java.util.Locale;

/**
 * The compatibility levels of the Confluent Schema Registry.
 *
 * <p>BACKWARD: the new schema can read data written with the old one (consumers upgrade
 * first). FORWARD: the old schema can read data written with the new one (producers
 * upgrade first). FULL: both. The non-transitive levels compare with the latest version
 * only; the {@code _TRANSITIVE} ones with every version of the subject.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level of a registry nobody has configured, as in Confluent's. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** True when the new schema MUST read data written with the old one. */
    boolean backward() {
        return backward;
    }

    /** True when the old schema MUST read data written with the new one. */
    boolean forward() {
        return forward;
    }

    /** True when every earlier version is checked, not only the latest. */
    boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name: exactly a level's name, ASCII letters in any case, nothing
     * around it (so {@code " FULL"} and a dotless {@code ı} standing for {@code I} are not
     * levels).
     *
     * @throws RegistryException 42203 when {@code name} is null or not a level
     */
    static CompatibilityLevel parse(String name) {
        if (name != null && name.chars().allMatch(c -> c < 0x80)) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw RegistryException.invalidCompatibilityLevel();
    }
}
