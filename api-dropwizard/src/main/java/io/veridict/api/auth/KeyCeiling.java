package io.veridict.api.auth;

import java.util.Collection;

/**
 * The rule for API keys acting on API keys: a key may create, see, rotate or revoke only keys
 * whose scopes are all among its own. A key thus never obtains, through another key, a scope it
 * does not hold, and never disables a key that can do more than it can. The operator has no
 * ceiling. A scope name this service does not know counts as one the caller lacks.
 */
public final class KeyCeiling {

    private KeyCeiling() {
    }

    /** Whether {@code caller} may act on a key holding {@code scopeNames} (wire names). */
    public static boolean covers(Principal caller, Collection<String> scopeNames) {
        if (caller.isOperator()) {
            return true;
        }
        return scopeNames.stream().allMatch(name -> Scope.fromWireName(name).map(caller.scopes()::contains).orElse(false));
    }
}
