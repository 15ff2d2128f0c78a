package io.veridict.streams.access;

/**
 * Record keys of the compacted access topic and of the access stores. Tenant ids and key ids
 * contain no {@code /}, so the three key spaces never collide and a tenant's keys sort together.
 */
public final class AccessKeys {

    private static final String TENANT = "tenant/";
    private static final String KEY = "key/";
    private static final String TENANT_KEY = "tenant-key/";

    private AccessKeys() {
    }

    /** Key of a tenant's {@code TenantState}. */
    public static String tenant(String tenantId) {
        return TENANT + tenantId;
    }

    /** Key of an API key's {@code ApiKeyState}, for authentication by key id. */
    public static String key(String keyId) {
        return KEY + keyId;
    }

    /** Key of the copy of an API key's state listed under its tenant. */
    public static String tenantKey(String tenantId, String keyId) {
        return tenantKeyPrefix(tenantId) + keyId;
    }

    /** The common prefix of every {@link #tenantKey} of {@code tenantId}. */
    public static String tenantKeyPrefix(String tenantId) {
        return TENANT_KEY + tenantId + "/";
    }
}
