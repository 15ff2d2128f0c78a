package io.veridict.api.cli;

import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * {@code ${NAME:-default}} substitution in configuration files: a value given on the
 * command line wins, then the environment variable, then the default after {@code :-}.
 * A variable with neither a value nor a default is an error, so a typo cannot silently
 * become an empty setting.
 */
public final class VeridictSubstitutor extends StringSubstitutor {

    public VeridictSubstitutor(Map<String, String> overrides) {
        super(lookup(overrides));
        setValueDelimiter(":-");
        setEnableUndefinedVariableException(true);
        setEnableSubstitutionInVariables(false);
        setPreserveEscapes(false);
    }

    private static StringLookup lookup(Map<String, String> overrides) {
        Map<String, String> fixed = Map.copyOf(overrides);
        return name -> fixed.containsKey(name) ? fixed.get(name) : System.getenv(name);
    }
}
