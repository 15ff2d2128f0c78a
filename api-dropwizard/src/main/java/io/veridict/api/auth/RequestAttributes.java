package io.veridict.api.auth;

/**
 * Names of the request properties ({@code ContainerRequestContext#setProperty}) the request
 * filters pass on to later filters and resources, and the filter priorities they run at.
 */
public final class RequestAttributes {

    /** The client's IP address ({@code String}), resolved through the trusted proxies. Set before authentication. */
    public static final String CLIENT_IP = "io.veridict.api.auth.clientIp";
    /** The tenant id ({@code String}) the request is authenticated for. Set by authentication; absent on public endpoints. */
    public static final String TENANT = "io.veridict.api.auth.tenant";
    /** The authenticated principal ({@code io.veridict.api.auth.Principal}). Set by authentication. */
    public static final String PRINCIPAL = "io.veridict.api.auth.principal";

    /** Priority of the per-client-IP limit: before authentication. */
    public static final int CLIENT_LIMIT_PRIORITY = 900;
    /** Priority of authentication and the scope check ({@code jakarta.ws.rs.Priorities.AUTHENTICATION}). */
    public static final int AUTHENTICATION_PRIORITY = 1000;
    /** Priority of the check of the caller against the key or tenant a request acts on ({@code Priorities.AUTHORIZATION}). */
    public static final int TARGET_PRIORITY = 2000;
    /** Priority of the per-tenant limit: after authentication and authorisation. */
    public static final int TENANT_LIMIT_PRIORITY = 2100;

    private RequestAttributes() {
    }
}
