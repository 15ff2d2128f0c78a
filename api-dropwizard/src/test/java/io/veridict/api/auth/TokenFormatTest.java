package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenFormatTest {

    @Test
    void shouldRoundTripANewKeyThroughItsText() throws Exception {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();

        assertThat(key.text()).startsWith("vdk_" + key.keyId() + "_").hasSize(4 + 16 + 1 + 32 + 6);
        assertThat(TokenFormat.parseApiKey(key.text())).isEqualTo(key);
        assertThat(key.toString()).doesNotContain(key.secret());
    }

    @Test
    void shouldTellATypoFromGarbageWithoutALookup() {
        String text = TokenFormat.newApiKey().text();
        char last = text.charAt(text.length() - 1);
        String typo = text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThatThrownBy(() -> TokenFormat.parseApiKey(typo)).isInstanceOfSatisfying(TokenFormat.InvalidTokenException.class,
                e -> assertThat(e.problem()).isEqualTo(TokenFormat.Problem.CHECKSUM));
        assertThatThrownBy(() -> TokenFormat.parseApiKey("vdk_short")).isInstanceOfSatisfying(TokenFormat.InvalidTokenException.class,
                e -> assertThat(e.problem()).isEqualTo(TokenFormat.Problem.MALFORMED));
        assertThatThrownBy(() -> TokenFormat.parseApiKey(text + " ")).isInstanceOf(TokenFormat.InvalidTokenException.class);
    }

    @Test
    void shouldCarryAtLeast128BitsOfSecretAndDistinctIds() {
        // 32 base62 characters: 32 * log2(62) ≈ 190 bits.
        assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(128);
        assertThat(TokenFormat.newApiKey().keyId()).isNotEqualTo(TokenFormat.newApiKey().keyId());
    }

    @Test
    void shouldAcceptOnlyWellFormedOperatorTokens() throws Exception {
        String token = TokenFormat.newOperatorToken();

        TokenFormat.checkOperatorToken(token);
        assertThat(TokenFormat.isOperatorToken(token)).isTrue();
        char last = token.charAt(token.length() - 1);
        String typo = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'); // always a different character
        assertThatThrownBy(() -> TokenFormat.checkOperatorToken(typo))
                .isInstanceOf(TokenFormat.InvalidTokenException.class);
    }
}
