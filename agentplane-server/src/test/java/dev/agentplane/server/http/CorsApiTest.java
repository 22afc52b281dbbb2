package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.config.CorsSettings;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.TestServer;
import dev.agentplane.testing.DatabaseKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CorsApiTest {
    private static final String APP = "https://app.example.com";

    @ApiTest
    void by_default_no_origin_is_allowed(Api api) {
        ApiResponse simple = api.get("/v1/agents", "Origin", APP).expect(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).isNull();

        preflight(api, APP, "POST", "Content-Type").expectProblem(403, null);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_configured_origin_gets_preflight_and_response_headers(DatabaseKind kind) {
        CorsSettings cors = new CorsSettings(List.of(APP), List.of("GET", "POST", "PUT"),
                List.of("Authorization", "Content-Type", "If-Match"), 300);
        try (TestServer server = TestServer.start(kind, "cors", config -> config.withCors(cors))) {
            Api api = server.api();

            ApiResponse ok = preflight(api.as(null), APP, "PUT", "authorization, content-type").expect(204);
            assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(ok.header("Access-Control-Allow-Methods")).contains("PUT");
            assertThat(ok.header("Access-Control-Allow-Headers")).contains("If-Match");
            assertThat(ok.header("Access-Control-Max-Age")).isEqualTo("300");

            ApiResponse simple = api.get("/v1/agents", "Origin", APP).expect(200);
            assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(simple.header("Access-Control-Expose-Headers")).contains("ETag").contains("X-Request-Id");

            preflight(api, "https://evil.example.com", "GET", null).expectProblem(403, null);
            preflight(api, APP, "DELETE", null).expectProblem(403, null);
            preflight(api, APP, "GET", "X-Custom").expectProblem(403, null);
            assertThat(api.get("/v1/agents", "Origin", "https://evil.example.com").header("Access-Control-Allow-Origin"))
                    .isNull();
        }
    }

    private static ApiResponse preflight(Api api, String origin, String method, String headers) {
        return headers == null
                ? api.send("OPTIONS", "/v1/agents", null, null, "Origin", origin, "Access-Control-Request-Method", method)
                : api.send("OPTIONS", "/v1/agents", null, null, "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Headers", headers);
    }
}
