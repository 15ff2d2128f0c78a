package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.api.auth.RequestAttributes;
import io.veridict.api.errors.ApiException;
import java.util.Map;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;

class TenantLimitFilterTest {

    private final ManualTime time = new ManualTime();
    private final TenantLimitFilter filter = new TenantLimitFilter(new RateLimiter(LimitPolicy.TENANT, new Quota(2, 1),
            Map.of("acme", new Quota(3, 3)), 100, time));

    @Test
    void shouldLeaveRequestsWithoutATenantAlone() {
        ContainerRequest request = Requests.get("/healthcheck");
        request.setProperty(RateLimitState.PROPERTY, "left by the client tier");

        for (int i = 0; i < 10; i++) {
            filter.filter(request);
        }

        assertThat(request.getProperty(RateLimitState.PROPERTY)).isEqualTo("left by the client tier");
    }

    @Test
    void shouldCountTheAuthenticatedTenantAndRecordTheState() {
        ContainerRequest request = tenantRequest("globex");

        filter.filter(request);

        RateLimitState state = (RateLimitState) request.getProperty(RateLimitState.PROPERTY);
        assertThat(state.policy()).isEqualTo(LimitPolicy.TENANT);
        assertThat(state.quota()).isEqualTo(new Quota(2, 1));
        assertThat(state.remaining()).isEqualTo(1);
    }

    @Test
    void shouldRefuseATenantOverItsQuotaAndKeepOthersGoing() {
        filter.filter(tenantRequest("globex"));
        filter.filter(tenantRequest("globex"));

        assertThatThrownBy(() -> filter.filter(tenantRequest("globex"))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("RATE_LIMITED");
            assertThat(e.headers()).containsEntry("Retry-After", "1");
        });
        filter.filter(tenantRequest("initech"));
    }

    @Test
    void shouldGiveATenantItsOverride() {
        for (int i = 0; i < 3; i++) {
            filter.filter(tenantRequest("acme"));
        }

        assertThatThrownBy(() -> filter.filter(tenantRequest("acme"))).isInstanceOf(ApiException.class);
    }

    private static ContainerRequest tenantRequest(String tenant) {
        ContainerRequest request = Requests.get("/v1/audit/head");
        request.setProperty(RequestAttributes.TENANT, tenant);
        return request;
    }
}
