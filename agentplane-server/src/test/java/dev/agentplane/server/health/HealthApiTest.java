package dev.agentplane.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;

class HealthApiTest {

    @ApiTest
    void health_and_readiness_are_public(Api api) {
        assertThat(api.as(null).get("/health").expect(200).body().get("status").asText()).isEqualTo("ok");
        assertThat(api.as(null).get("/health/ready").expect(200).body().get("database").asText()).isEqualTo("ok");
        api.as(null).get("/health?verbose=1").expectProblem(400, "verbose");
    }

    @ApiTest
    void the_contract_and_playground_are_served(Api api) {
        var json = api.as(null).get("/openapi.json").expect(200);
        var yaml = api.as(null).get("/openapi.yaml").expect(200);
        var docs = api.as(null).get("/docs").expect(200);

        assertThat(json.body().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(yaml.text()).startsWith("openapi: 3.1.0");
        assertThat(docs.text()).contains("swagger-ui-bundle.js");
        String bundle = docs.text().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle.js)\".*", "$1");
        api.as(null).get(bundle).expect(200);
    }
}
