package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.config.RateLimitSettings;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.TestServer;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.tenancy.Role;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RateLimitApiTest {

    @ApiTest
    void a_key_with_its_own_limit_is_refused_with_retry_after_until_its_bucket_refills(Api api) {
        Api limited = api.as(api.post("/v1/keys", "{\"name\": \"slow\", \"role\": \"viewer\", \"rate_limit_per_minute\": 3}")
                .expect(201).body().get("key").asText());

        for (int remaining = 2; remaining >= 0; remaining--) {
            ApiResponse ok = limited.get("/v1/agents").expect(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
            assertThat(Long.parseLong(ok.header("RateLimit-Reset"))).isBetween(1L, 60L);
        }
        ApiResponse refused = limited.get("/v1/agents").expectProblem(429, null);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.body().get("detail").asText()).contains("3 requests per minute");

        api.clock().advance(Duration.ofSeconds(20));
        limited.get("/v1/agents").expect(200);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void role_defaults_apply_and_failed_authentication_is_slowed_per_address(DatabaseKind kind) {
        RateLimitSettings limits = RateLimitSettings.defaults().withRole(Role.VIEWER, 2);
        try (TestServer server = TestServer.start(kind, "limits", config -> config.withRateLimits(
                new RateLimitSettings(limits.withRole(Role.ADMIN, 1_000).perMinuteByRole(), 3)))) {
            Api api = server.api();
            Api viewer = api.as(api.newKey("viewer"));
            assertThat(viewer.get("/v1/agents").expect(200).header("RateLimit-Limit")).isEqualTo("2");
            viewer.get("/v1/agents").expect(200);
            viewer.get("/v1/agents").expectProblem(429, null);

            Api guesser = api.as("ap_00000000000000000000000000000000_guess");
            for (int i = 0; i < 3; i++) {
                guesser.get("/v1/agents").expectProblem(401, null);
            }
            ApiResponse slowed = guesser.get("/v1/agents").expectProblem(429, null);
            assertThat(Integer.parseInt(slowed.header("Retry-After"))).isPositive();
            api.get("/v1/agents").expectProblem(429, null);

            api.clock().advance(Duration.ofSeconds(30));
            api.get("/v1/agents").expect(200);
        }
    }
}
