package io.veridict.api.auth;

import io.veridict.api.api.RequestHeaders;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.json.CanonicalText;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.TenantStatus;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides who a request is, from its {@code Authorization} and {@code X-Veridict-Tenant-Id}
 * headers, in a fixed order:
 *
 * <ol>
 *   <li>form: {@code Bearer} and a well-formed key or token, then its checksum — no lookup yet;</li>
 *   <li>the secret: the key's stored HMAC against the presented secret's. An unknown key id costs
 *       the same HMAC and comparison as a known one, and both answer {@code INVALID_CREDENTIALS};</li>
 *   <li>only a caller that proved the secret learns more: revoked, expired, another tenant's key,
 *       a suspended tenant.</li>
 * </ol>
 */
public final class Authenticator {

    static final String BEARER = "Bearer ";
    private static final byte[] NO_SUCH_KEY = new byte[32];

    private final AccessView view;
    private final SecretHasher hasher;
    private final Optional<byte[]> operatorTokenSha256;
    private final Clock clock;

    public Authenticator(AccessView view, SecretHasher hasher, Optional<byte[]> operatorTokenSha256, Clock clock) {
        this.view = view;
        this.hasher = hasher;
        this.operatorTokenSha256 = operatorTokenSha256.map(byte[]::clone);
        this.clock = clock;
    }

    /** An API key of the tenant named in {@code tenantHeader}. */
    public Principal tenantKey(List<String> authorization, List<String> tenantHeader) {
        String credential = bearer(authorization);
        if (TokenFormat.isOperatorToken(credential)) {
            checkOperator(credential);
            throw new ApiException(ErrorCode.FORBIDDEN, "this endpoint needs an API key of the tenant, not the operator token");
        }
        TokenFormat.ApiKey key = parse(credential);
        String tenant = RequestHeaders.tenantId(tenantHeader);
        Instant now = clock.instant();
        KeyCredentials state = verifySecret(key, now);
        if (state.status() == KeyStatus.REVOKED) {
            throw unauthenticated(ErrorCode.KEY_REVOKED, "this key was revoked");
        }
        if (state.expiredAt(now)) {
            throw unauthenticated(ErrorCode.KEY_EXPIRED, "this key has expired");
        }
        if (!state.tenantId().equals(tenant)) {
            throw new ApiException(ErrorCode.TENANT_MISMATCH, "this key does not belong to the tenant named in "
                    + RequestHeaders.TENANT_ID);
        }
        TenantStatus status = view.tenantStatus(tenant).orElse(null);
        if (status == TenantStatus.DELETED) {
            throw new ApiException(ErrorCode.TENANT_DELETED, "the tenant was deleted");
        }
        if (status != TenantStatus.ACTIVE) {
            throw new ApiException(ErrorCode.TENANT_SUSPENDED, "the tenant is suspended");
        }
        return Principal.apiKey(tenant, key.keyId(), state.scopes());
    }

    /** The operator, by its token. */
    public Principal operator(List<String> authorization) {
        String credential = bearer(authorization);
        if (!TokenFormat.isOperatorToken(credential)) {
            parse(credential);
            throw new ApiException(ErrorCode.OPERATOR_REQUIRED, "this endpoint needs the operator token, not an API key");
        }
        checkOperator(credential);
        return Principal.OPERATOR;
    }

    /** Whether {@code authorization} carries an operator token rather than an API key (form only). */
    public static boolean presentsOperatorToken(List<String> authorization) {
        return authorization != null && authorization.size() == 1 && authorization.get(0).startsWith(BEARER)
                && TokenFormat.isOperatorToken(authorization.get(0).substring(BEARER.length()).strip());
    }

    private void checkOperator(String credential) {
        try {
            TokenFormat.checkOperatorToken(credential);
        } catch (TokenFormat.InvalidTokenException e) {
            throw formProblem(e);
        }
        if (operatorTokenSha256.isEmpty()) {
            throw new ApiException(ErrorCode.OPERATOR_DISABLED, "operator endpoints are disabled on this service");
        }
        byte[] presented = HexFormat.of().parseHex(CanonicalText.sha256Hex(credential));
        if (!MessageDigest.isEqual(operatorTokenSha256.get(), presented)) {
            throw unauthenticated(ErrorCode.INVALID_CREDENTIALS, "the credentials are not valid");
        }
    }

    private KeyCredentials verifySecret(TokenFormat.ApiKey key, Instant now) {
        Optional<KeyCredentials> state = view.credentials(key.keyId());
        byte[] presented = hasher.hash(key);
        boolean match = false;
        List<KeyCredentials.Secret> secrets = state.map(KeyCredentials::secrets).orElse(List.of());
        if (secrets.isEmpty()) {
            SecretHasher.matches(NO_SUCH_KEY, presented);
        }
        for (KeyCredentials.Secret secret : secrets) {
            match |= SecretHasher.matches(secret.hmac(), presented) & secret.acceptedAt(now);
        }
        if (!match) {
            throw unauthenticated(ErrorCode.INVALID_CREDENTIALS, "the credentials are not valid");
        }
        return state.get();
    }

    private static String bearer(List<String> authorization) {
        if (authorization == null || authorization.isEmpty() || authorization.get(0).isBlank()) {
            throw unauthenticated(ErrorCode.MISSING_CREDENTIALS, "send an API key as Authorization: Bearer <key>");
        }
        if (authorization.size() > 1 || !authorization.get(0).startsWith(BEARER)) {
            throw unauthenticated(ErrorCode.MALFORMED_CREDENTIALS, "the Authorization header must be Bearer <key>, once");
        }
        return authorization.get(0).substring(BEARER.length()).strip();
    }

    private static TokenFormat.ApiKey parse(String credential) {
        try {
            return TokenFormat.parseApiKey(credential);
        } catch (TokenFormat.InvalidTokenException e) {
            throw formProblem(e);
        }
    }

    private static ApiException formProblem(TokenFormat.InvalidTokenException e) {
        return e.problem() == TokenFormat.Problem.CHECKSUM
                ? unauthenticated(ErrorCode.CREDENTIAL_CHECKSUM_MISMATCH, "the key's checksum does not match: check for a typo or a truncated copy")
                : unauthenticated(ErrorCode.MALFORMED_CREDENTIALS, "the bearer credential is not a well-formed Veridict key or token");
    }

    private static ApiException unauthenticated(ErrorCode code, String message) {
        return new ApiException(code, message).withHeader("WWW-Authenticate", "Bearer realm=\"veridict\"");
    }
}
