package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

class RateLimitHeadersFilterTest {

    private final RateLimitHeadersFilter filter = new RateLimitHeadersFilter();

    @Test
    void shouldWriteTheStateOfTheLastTierThatCounted() {
        ContainerRequest request = Requests.get("/v1/audit/head");
        request.setProperty(RateLimitState.PROPERTY, new RateLimitState(LimitPolicy.TENANT, new Quota(400, 200), 399, 1, 0));
        ContainerResponse response = new ContainerResponse(request, Response.ok().build());

        filter.filter(request, response);

        assertThat(response.getHeaderString("RateLimit-Policy")).isEqualTo("\"tenant\";q=400;w=2");
        assertThat(response.getHeaderString("RateLimit")).isEqualTo("\"tenant\";r=399;t=1");
    }

    @Test
    void shouldWriteNothingForARequestThatWasNotCounted() {
        ContainerRequest request = Requests.get("/v1/audit/head");
        ContainerResponse response = new ContainerResponse(request, Response.ok().build());

        filter.filter(request, response);

        assertThat(response.getHeaders()).doesNotContainKeys("RateLimit-Policy", "RateLimit");
    }
}
