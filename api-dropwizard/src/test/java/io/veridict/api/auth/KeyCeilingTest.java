package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyCeilingTest {

    private static final Principal MANAGER = Principal.apiKey("acme", "k1", Set.of(Scope.KEYS_MANAGE, Scope.AUDIT_READ));

    @Test
    void shouldCoverKeysWhoseScopesTheCallerHoldsAll() {
        assertThat(KeyCeiling.covers(MANAGER, List.of("keys:manage"))).isTrue();
        assertThat(KeyCeiling.covers(MANAGER, List.of("audit:read", "keys:manage"))).isTrue();
        assertThat(KeyCeiling.covers(MANAGER, List.of())).isTrue();
    }

    @Test
    void shouldNotCoverAKeyHoldingAnyScopeTheCallerLacks() {
        assertThat(KeyCeiling.covers(MANAGER, List.of("keys:manage", "tenant:admin"))).isFalse();
        assertThat(KeyCeiling.covers(MANAGER, EnumSet.allOf(Scope.class).stream().map(Scope::wireName).toList())).isFalse();
    }

    @Test
    void shouldTreatAScopeItDoesNotKnowAsOneTheCallerLacks() {
        Principal all = Principal.apiKey("acme", "k1", EnumSet.allOf(Scope.class));

        assertThat(KeyCeiling.covers(all, List.of("keys:manage", "webhooks:manage"))).isFalse();
    }

    @Test
    void shouldLetTheOperatorActOnAnyKey() {
        assertThat(KeyCeiling.covers(Principal.OPERATOR, List.of("keys:manage", "tenant:admin", "unknown:scope"))).isTrue();
    }
}
