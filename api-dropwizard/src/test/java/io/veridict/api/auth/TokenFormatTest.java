package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Matcher;
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

    @Test
    void shouldAcceptExactlyWhatTheKeyPatternAndChecksumAccept() {
        Random random = new Random(42);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-+/= \u00e9\u0660\uff21";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = TokenFormat.newApiKey().text();
            text = switch (random.nextInt(6)) {
                case 0 -> text;
                case 1 -> replace(text, random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                case 2 -> text.substring(0, random.nextInt(text.length()));
                case 3 -> text + alphabet.charAt(random.nextInt(alphabet.length()));
                case 4 -> replace(text, random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())))
                        .substring(random.nextInt(2));
                default -> withChecksum(replace(text, 4 + random.nextInt(text.length() - 10),
                        alphabet.charAt(random.nextInt(alphabet.length()))));
            };
            TokenFormat.ApiKey expected = reference(text);
            TokenFormat.ApiKey parsed;
            try {
                parsed = TokenFormat.parseApiKey(text);
                accepted++;
            } catch (TokenFormat.InvalidTokenException e) {
                parsed = null;
                assertThat(e.problem()).as(text).isEqualTo(TokenFormat.KEY.matcher(text).matches()
                        ? TokenFormat.Problem.CHECKSUM : TokenFormat.Problem.MALFORMED);
            }
            assertThat(parsed).as(text).isEqualTo(expected);
        }
        assertThat(accepted).isGreaterThan(3_000);
    }

    /** What the pattern and a recomputed checksum accept. */
    private static TokenFormat.ApiKey reference(String text) {
        Matcher m = TokenFormat.KEY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String body = text.substring(0, text.length() - 6);
        return TokenFormat.checksum(body).equals(text.substring(text.length() - 6)) ? new TokenFormat.ApiKey(m.group(1), m.group(2)) : null;
    }

    private static String withChecksum(String text) {
        String body = text.substring(0, text.length() - 6);
        return body + TokenFormat.checksum(body);
    }

    private static String replace(String text, int at, char c) {
        return text.substring(0, at) + c + text.substring(at + 1);
    }
}
